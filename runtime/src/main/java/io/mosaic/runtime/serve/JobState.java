package io.mosaic.runtime.serve;

/** Where a job is in its life. */
public enum JobState {
    QUEUED, RUNNING, COMPLETED, FAILED,
    /** Cancelled: before it started, at a step boundary (its run folder resumes), or abandoned where it was stuck. */
    CANCELLED;

    public boolean ended() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
