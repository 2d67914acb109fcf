package io.mosaic.runtime.train;

import java.nio.file.Path;

/**
 * A run ended at a step boundary because it was asked to stop ({@link StopRequest}); its last checkpoint is intact,
 * so it resumes from there.
 */
public final class RunStoppedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The reason of a stop its user asked for (a serve job cancelled), which leaves the run {@code cancelled}. */
    public static final String CANCELLED = "cancelled";

    private final String reason;

    /**
     * A run stopped at a step boundary.
     *
     * @param reason why it was stopped: {@code SIGTERM}, {@code cancelled}
     * @param where  where it stopped: {@code epoch 2, batch 3}
     */
    public static RunStoppedException at(String reason, String where) {
        return new RunStoppedException(reason, "stopped (" + reason + ") at " + where);
    }

    private RunStoppedException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    /** Whether its user cancelled the run, rather than the process being stopped. */
    public boolean cancelled() {
        return CANCELLED.equals(reason);
    }

    /** This stop, its message naming the run folder, its state and how to resume it. */
    public RunStoppedException in(Path folder) {
        return new RunStoppedException(reason, getMessage() + "; the run in " + folder + " is "
                + (cancelled() ? "cancelled" : "interrupted") + " and resumes from its last completed epoch with: "
                + "mosaic run --resume " + folder);
    }
}
