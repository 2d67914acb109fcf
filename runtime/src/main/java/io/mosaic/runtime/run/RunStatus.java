package io.mosaic.runtime.run;

import java.util.Map;

/**
 * A run's {@code run.json}: what ran, where, and how it ended.
 *
 * @param state    {@code running}, {@code completed}, {@code failed}, {@code interrupted} (stopped, or its
 *                 process gone; it resumes with {@code run --resume}), or {@code cancelled} (a serve job cancelled
 *                 by its user, stopped at a step boundary; it resumes as an interrupted run does)
 * @param started  ISO-8601 local date-time
 * @param finished ISO-8601 local date-time, or {@code null} while running
 * @param software engine, DJL, Java and Mosaic versions
 * @param error    the failure's message, or why the run was interrupted, or {@code null}
 * @param owner    the process running it, while it runs; {@code null} in files written before owners were recorded
 */
public record RunStatus(String assembly, String state, String started, String finished, String device,
                        Map<String, String> software, long seed, String error, RunOwner owner) {

    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final String INTERRUPTED = "interrupted";
    public static final String CANCELLED = "cancelled";

    public boolean completed() {
        return COMPLETED.equals(state);
    }

    public boolean running() {
        return RUNNING.equals(state);
    }

    /**
     * Whether the run is in progress in a live process (after {@link #checked()}); a run recorded before owners were
     * kept cannot say, and is taken for stopped.
     */
    public boolean runningElsewhere() {
        return running() && owner != null && owner.alive();
    }

    public RunStatus ended(String newState, String when, String message) {
        return new RunStatus(assembly, newState, started, when, device, software, seed, message, owner);
    }

    /** This status with {@code owner} as the process running it. */
    public RunStatus withOwner(RunOwner owner) {
        return new RunStatus(assembly, state, started, finished, device, software, seed, error, owner);
    }

    /** This status, running again in this process. */
    public RunStatus resumed() {
        return new RunStatus(assembly, RUNNING, started, null, device, software, seed, null, RunOwner.current());
    }

    /**
     * The status as it really is: a run that says it is running but whose process is gone (killed, or the machine
     * stopped) is interrupted.
     */
    public RunStatus checked() {
        if (!running() || owner == null || owner.alive()) {
            return this;
        }
        return ended(INTERRUPTED, finished, "the process that ran it (pid " + owner.pid() + ") is gone; resume it "
                + "with 'mosaic run --resume'");
    }
}
