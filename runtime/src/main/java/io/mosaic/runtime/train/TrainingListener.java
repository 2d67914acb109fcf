package io.mosaic.runtime.train;

import java.util.Optional;

/** Hears how training progresses (a progress bar, a log, a test). */
public interface TrainingListener {

    /** No progress reports. */
    TrainingListener SILENT = new TrainingListener() {
    };

    default void epochStarted(int epoch, int totalEpochs, String stage, int batches) {
    }

    default void batchFinished(double loss) {
    }

    default void epochFinished(EpochRecord record, String selectionMetric) {
    }

    default void message(String text) {
    }

    /**
     * Why the run should stop at its next step boundary, if it should (a serve job that was cancelled); asked between
     * steps, so it must answer quickly.
     */
    default Optional<String> stopRequested() {
        return Optional.empty();
    }
}
