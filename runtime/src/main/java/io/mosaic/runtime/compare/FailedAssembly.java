package io.mosaic.runtime.compare;

import io.mosaic.runtime.engine.RunOutcome;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An assembly of a comparison whose runs did not all complete: it has no results, and the comparison lists it with
 * its runs' errors.
 *
 * @param group its seed group's folder, relative to the comparison's, where each run's {@code run.json} and
 *              {@code failure.txt} tell more
 * @param error each failed run's label and error, separated by {@code ; }
 */
public record FailedAssembly(String assembly, String group, String error) {

    /** The assembly {@code assembly} whose runs {@code failed} failed. */
    public static FailedAssembly of(String assembly, String group, List<RunOutcome> failed) {
        if (failed.isEmpty()) {
            throw new IllegalArgumentException("a failed assembly needs a failed run, found none");
        }
        return new FailedAssembly(assembly, group, failed.stream().map(o -> o.task().label() + ": " + o.error())
                .collect(Collectors.joining("; ")));
    }
}
