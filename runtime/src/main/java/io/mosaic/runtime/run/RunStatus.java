package io.mosaic.runtime.run;

import java.util.Map;

/**
 * A run's {@code run.json}: what ran, where, and how it ended.
 *
 * @param state    {@code running}, {@code completed} or {@code failed}
 * @param started  ISO-8601 local date-time
 * @param finished ISO-8601 local date-time, or {@code null} while running
 * @param software engine, DJL, Java and Mosaic versions
 * @param error    the failure's message, or {@code null}
 */
public record RunStatus(String assembly, String state, String started, String finished, String device,
                        Map<String, String> software, long seed, String error) {

    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    public boolean completed() {
        return COMPLETED.equals(state);
    }

    public RunStatus ended(String newState, String when, String message) {
        return new RunStatus(assembly, newState, started, when, device, software, seed, message);
    }

    public RunStatus resumed() {
        return new RunStatus(assembly, RUNNING, started, null, device, software, seed, null);
    }
}
