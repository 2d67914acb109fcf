package io.mosaic.runtime.host;

import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.run.RunStatus;
import io.mosaic.runtime.train.StopRequest;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs in progress in this process. Signals and exits concern the whole process, so this registry is too: a stop
 * request (Ctrl-C, SIGTERM) asks every run to stop at its next step boundary, and an exit that would end runs
 * unfinished records in their {@code run.json} why they ended.
 */
public final class ActiveRuns {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveRuns.class);
    private static final Set<ActiveRun> RUNS = ConcurrentHashMap.newKeySet();

    private ActiveRuns() {
    }

    /** A run in progress: its folder, the status it was started with, and its stop request. */
    record ActiveRun(RunFolder folder, RunStatus status, StopRequest stop) implements AutoCloseable {
        /** The run is no longer in progress (it ended, however). */
        @Override
        public void close() {
            RUNS.remove(this);
        }
    }

    static ActiveRun begin(RunFolder folder, RunStatus status, StopRequest stop) {
        ActiveRun run = new ActiveRun(folder, status, stop);
        RUNS.add(run);
        return run;
    }

    /** Whether a run is in progress. */
    public static boolean any() {
        return !RUNS.isEmpty();
    }

    /**
     * Asks every run in progress to stop at its next step boundary.
     *
     * @return the folders of the runs asked
     */
    public static List<RunFolder> requestStop(String reason) {
        return RUNS.stream().peek(run -> run.stop().request(reason)).map(ActiveRun::folder).toList();
    }

    /**
     * Records in every run in progress that it ended in {@code state} for {@code cause}, for an exit that will not
     * let them end themselves. Each run is recorded once; a file that cannot be written is logged.
     *
     * @return the folders of the runs recorded
     */
    public static List<RunFolder> endAll(String state, String cause) {
        List<ActiveRun> ended = List.copyOf(RUNS);
        RUNS.removeAll(ended);
        for (ActiveRun run : ended) {
            try {
                run.folder().writeStatus(run.status().ended(state, LocalDateTime.now().toString(), cause));
            } catch (RuntimeException e) {
                LOG.error("cannot record in {} that the run {}: {}", run.folder().path(), state, e.getMessage());
            }
        }
        return ended.stream().map(ActiveRun::folder).toList();
    }
}
