package io.mosaic.runtime.serve;

import io.mosaic.runtime.train.RunStoppedException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * One piece of work submitted to a serving runtime: a run or a comparison. Its state, folder and error change as it
 * goes; {@link #view()} reads them together.
 */
public final class Job {
    /** Why a job's run stopped when the runtime stopped under it. */
    static final String STOPPED_WITH_RUNTIME = "the runtime stopped";

    private final int id;
    private final String kind;
    private final String title;
    private final LocalDateTime submitted = LocalDateTime.now();
    private final JobProgress progress = new JobProgress();
    private JobState state = JobState.QUEUED;
    private LocalDateTime started;
    private LocalDateTime ended;
    private Path folder;
    private String error;

    Job(int id, String kind, String title) {
        this.id = id;
        this.kind = kind;
        this.title = title;
    }

    /**
     * What a job is at one moment.
     *
     * @param kind   {@code run} or {@code compare}
     * @param title  the assembly, or the assemblies compared
     * @param folder the run or comparison folder, once the job has one
     * @param error  why a failed job failed
     * @param elapsedSeconds how long it has run, or ran: from its start to its end or now; {@code null} before it
     *                       started
     */
    public record View(int id, String kind, String title, JobState state, String submitted, String started,
                       String ended, Double elapsedSeconds, String folder, String error,
                       JobProgress.Snapshot progress) {
    }

    public int id() {
        return id;
    }

    public JobProgress progress() {
        return progress;
    }

    public synchronized View view() {
        Double elapsed = started == null ? null
                : Duration.between(started, ended == null ? LocalDateTime.now() : ended).toMillis() / 1000.0;
        return new View(id, kind, title, state, submitted.toString(), text(started), text(ended), elapsed,
                folder == null ? null : folder.toString(), error, progress.snapshot());
    }

    public synchronized Optional<Path> folder() {
        return Optional.ofNullable(folder);
    }

    /** Starts the job, unless it was cancelled while queued; returns whether it started. */
    synchronized boolean started() {
        if (state != JobState.QUEUED) {
            return false;
        }
        state = JobState.RUNNING;
        started = LocalDateTime.now();
        return true;
    }

    /**
     * Cancels the job: a queued one at once, a running one at its run's next step boundary (its progress answers the
     * run's {@link JobProgress#stopRequested()}), which leaves its run folder {@code cancelled}.
     *
     * @return the state the job is in now
     */
    synchronized JobState cancel() {
        if (state == JobState.QUEUED) {
            end(JobState.CANCELLED, "cancelled before it started");
        } else if (state == JobState.RUNNING) {
            progress.stop(RunStoppedException.CANCELLED);
        }
        return state;
    }

    /** Asks the running job to stop at its next step boundary because the runtime stops: its run is interrupted. */
    synchronized void stopWithRuntime() {
        if (state == JobState.RUNNING) {
            progress.stop(STOPPED_WITH_RUNTIME);
        }
    }

    /** The job's folder, known once its work has created it. */
    public synchronized void folder(Path folder) {
        this.folder = folder;
    }

    synchronized void completed(Path folder) {
        if (!state.ended()) {
            this.folder = folder;
            end(JobState.COMPLETED, null);
        }
    }

    /** Ends the job {@code state} with {@code error}, unless it has ended (a job abandoned stays abandoned). */
    synchronized void end(JobState state, String error) {
        if (!this.state.ended()) {
            this.error = error;
            this.state = state;
            ended = LocalDateTime.now();
        }
    }

    private static String text(LocalDateTime time) {
        return time == null ? null : time.toString();
    }
}
