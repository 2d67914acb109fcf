package io.mosaic.runtime.engine;

import io.mosaic.runtime.train.TrainingListener;
import java.util.List;

/**
 * Carries out independent training runs: one after another in this process ({@code local}), or at once on Apache
 * Spark. Every engine gives the same numbers for the same tasks: a run's results depend on its resolved assembly and
 * seed only.
 */
public interface RunEngine extends AutoCloseable {

    /**
     * Trains every task, at once where the engine can, and waits for all of them. A run that fails fails alone: the
     * others go on, and its outcome holds the run's error. A stop request (Ctrl-C, a cancelled job) stops every run
     * at its next step boundary, leaving each resumable.
     *
     * @return each task's outcome, in the order of {@code tasks}
     * @throws io.mosaic.runtime.train.RunStoppedException when the runs were stopped before they all ended
     */
    List<RunOutcome> runAll(List<RunTask> tasks, TrainingListener listener);

    /** How many runs the engine trains at once. */
    int parallelism();

    /**
     * Asks every run in progress to stop at its next step boundary, resumable, and {@link #runAll} to throw
     * {@link io.mosaic.runtime.train.RunStoppedException} once they have: for runs in other processes, which a stop
     * signal to this one does not reach. The local engine's runs are this process's and hear its signals (and the
     * listener's {@code stopRequested}) themselves, so it does nothing here.
     */
    default void stop() {
    }

    /** Releases what the engine holds (a Spark context, worker processes); the local engine holds nothing. */
    @Override
    default void close() {
    }
}
