package io.mosaic.runtime.train;

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
}
