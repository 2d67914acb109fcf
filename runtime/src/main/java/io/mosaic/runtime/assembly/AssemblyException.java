package io.mosaic.runtime.assembly;

import io.mosaic.runtime.assembly.yaml.Origin;
import java.util.List;

/** An assembly that cannot be run, with every problem found, each at its file and line. */
public final class AssemblyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The most problems the message lists; a file that is no assembly at all could have thousands. */
    static final int SHOWN = 20;

    /** One problem at one place. */
    public record Problem(Origin origin, String message) {
        @Override
        public String toString() {
            return origin + ": " + message;
        }
    }

    private final transient List<Problem> problems;

    public AssemblyException(Origin origin, String message) {
        this(List.of(new Problem(origin, message)));
    }

    public AssemblyException(List<Problem> problems) {
        super(format(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an assembly exception needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The first {@value #SHOWN} problems, one a line, then how many more there are. */
    private static String format(List<Problem> problems) {
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        StringBuilder text = new StringBuilder(problems.size() + " problems:");
        problems.stream().limit(SHOWN).forEach(p -> text.append("\n  ").append(p));
        if (problems.size() > SHOWN) {
            text.append("\n  ... ").append(problems.size() - SHOWN).append(" more");
        }
        return text.toString();
    }
}
