package io.mosaic.runtime.engine.spark;

import io.mosaic.runtime.engine.RunTask;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.run.RunStatus;
import io.mosaic.runtime.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Progress of runs trained elsewhere, read from their folders (which works on a cluster too, the runs folder being
 * shared): a line when a run starts, resumes, ends an epoch, or ends, from its {@code run.json} and
 * {@code epochs.csv}.
 */
final class RunProgress {
    private final List<RunTask> tasks;
    private final List<String> states = new ArrayList<>();
    private final List<Long> epochs = new ArrayList<>();

    RunProgress(List<RunTask> tasks) {
        this.tasks = List.copyOf(tasks);
        tasks.forEach(task -> {
            states.add(null);
            epochs.add(0L);
        });
    }

    /** Tells {@code listener} what changed since the last poll. */
    void poll(TrainingListener listener) {
        for (int i = 0; i < tasks.size(); i++) {
            RunTask task = tasks.get(i);
            Optional<RunStatus> status = status(task.folder());
            long done = epochsDone(task.folder());
            if (done > epochs.get(i)) {
                epochs.set(i, done);
                listener.message(task.label() + ": epoch " + done + " done");
            }
            String state = status.map(s -> s.state() + (s.owner() == null ? "" : " in process " + s.owner().pid()))
                    .orElse(null);
            if (state != null && !state.equals(states.get(i))) {
                states.set(i, state);
                listener.message(task.label() + ": " + state);
            }
        }
    }

    /** Whether a run still records itself running (a stopped worker has not reached its step boundary yet). */
    boolean anyRunning() {
        return tasks.stream().map(task -> status(task.folder()))
                .anyMatch(status -> status.map(s -> RunStatus.RUNNING.equals(s.state())).orElse(false));
    }

    private static Optional<RunStatus> status(Path folder) {
        if (!Files.isRegularFile(folder.resolve(RunFolder.STATUS))) {
            return Optional.empty();
        }
        try {
            return RunFolder.open(folder).status();
        } catch (RuntimeException e) {
            // Read as it was replaced: the next poll reads it whole.
            return Optional.empty();
        }
    }

    /** The epochs {@code epochs.csv} records: its lines after the header. */
    static long epochsDone(Path folder) {
        Path file = folder.resolve(RunFolder.EPOCHS);
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(file)) {
            return Math.max(0, lines.filter(line -> !line.isBlank()).count() - 1);
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }
}
