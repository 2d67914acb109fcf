package io.mosaic.runtime.assembly;

import io.mosaic.runtime.assembly.yaml.Origin;
import java.util.ArrayList;
import java.util.List;

/** Collects problems so that one pass over an assembly reports all of them. */
final class Problems {
    private final List<AssemblyException.Problem> found = new ArrayList<>();

    void add(Origin origin, String message) {
        found.add(new AssemblyException.Problem(origin, message));
    }

    void addAll(AssemblyException e) {
        found.addAll(e.problems());
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws everything collected so far, if anything. */
    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new AssemblyException(found);
        }
    }
}
