package io.mosaic.runtime.engine;

import java.util.Objects;

/**
 * How a {@link RunTask} ended.
 *
 * @param error why the run failed, as its exception says it; {@code null} when it completed
 */
public record RunOutcome(RunTask task, boolean completed, String error) {
    public RunOutcome {
        Objects.requireNonNull(task, "task");
        if (completed == (error != null)) {
            throw new IllegalArgumentException("a completed run has no error and a failed one has one");
        }
    }

    public static RunOutcome completed(RunTask task) {
        return new RunOutcome(task, true, null);
    }

    public static RunOutcome failed(RunTask task, String error) {
        return new RunOutcome(task, false, error);
    }
}
