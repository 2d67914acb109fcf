package io.mosaic.runtime.engine;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Some runs of a batch failed, each with its own error; the other runs completed and their results are written. The
 * command exits with its run-failed code and this message.
 */
public final class RunsFailedException extends RuntimeException {

    public RunsFailedException(String what, List<RunOutcome> failed) {
        super(message(what, failed));
        if (failed.isEmpty() || failed.stream().anyMatch(RunOutcome::completed)) {
            throw new IllegalArgumentException("a RunsFailedException needs failed outcomes only, and at least one");
        }
    }

    /** {@code <what>: 2 runs failed: cider seed 1 (its error); ...}. */
    static String message(String what, List<RunOutcome> failed) {
        return what + ": " + failed.size() + (failed.size() == 1 ? " run" : " runs") + " failed: "
                + failed.stream().map(o -> o.task().label() + " (" + o.error() + ")")
                .collect(Collectors.joining("; "));
    }
}
