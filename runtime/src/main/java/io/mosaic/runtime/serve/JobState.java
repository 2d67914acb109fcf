package io.mosaic.runtime.serve;

/** Where a job is in its life. */
public enum JobState {
    QUEUED, RUNNING, COMPLETED, FAILED;

    public boolean ended() {
        return this == COMPLETED || this == FAILED;
    }
}
