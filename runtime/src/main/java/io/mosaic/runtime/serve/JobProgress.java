package io.mosaic.runtime.serve;

import io.mosaic.runtime.train.EpochRecord;
import io.mosaic.runtime.train.TrainingListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Follows one job's training as it goes: the epoch and batch reached, every finished epoch of the run it trains (a
 * comparison trains several, one after the other: the epochs are the current run's), recent messages, and an
 * estimate of the time left.
 */
public final class JobProgress implements TrainingListener {
    private static final int MESSAGES_KEPT = 20;

    private int epoch;
    private int totalEpochs;
    private String stage = "";
    private int batch;
    private int batches;
    private double lastLoss = Double.NaN;
    private String selection;
    private final List<EpochRecord> epochs = new ArrayList<>();
    private final Deque<String> messages = new ArrayDeque<>();
    private volatile String stopReason;

    /**
     * A consistent copy of the progress so far.
     *
     * @param selection        the metric that selects the checkpoint, once an epoch has finished
     * @param epochs           the finished epochs of the run being trained
     * @param meanEpochSeconds the mean of their wall times, or {@code null} before the first
     * @param secondsLeft      {@code meanEpochSeconds} times the epochs left to {@code totalEpochs} (an upper bound
     *                         when early stopping ends the run sooner), or {@code null} before the first epoch
     */
    public record Snapshot(int epoch, int totalEpochs, String stage, int batch, int batches, Double lastLoss,
                           String selection, List<EpochRecord> epochs, Double meanEpochSeconds, Double secondsLeft,
                           List<String> messages) {
    }

    @Override
    public synchronized void epochStarted(int epoch, int totalEpochs, String stage, int batches) {
        if (!epochs.isEmpty() && epoch <= epochs.get(epochs.size() - 1).epoch()) {
            epochs.clear(); // the next run of a comparison starts
        }
        this.epoch = epoch;
        this.totalEpochs = totalEpochs;
        this.stage = stage;
        this.batches = batches;
        this.batch = 0;
    }

    @Override
    public synchronized void batchFinished(double loss) {
        batch++;
        lastLoss = loss;
    }

    @Override
    public synchronized void epochFinished(EpochRecord record, String selectionMetric) {
        epochs.add(record);
        selection = selectionMetric;
    }

    @Override
    public synchronized void message(String text) {
        if (messages.size() == MESSAGES_KEPT) {
            messages.removeFirst();
        }
        messages.addLast(text);
    }

    /** Asks the job's run to stop at its next step boundary, for {@code reason} ({@code cancelled}, ...). */
    void stop(String reason) {
        stopReason = reason;
    }

    @Override
    public Optional<String> stopRequested() {
        return Optional.ofNullable(stopReason);
    }

    public synchronized Snapshot snapshot() {
        Double mean = epochs.isEmpty() ? null
                : epochs.stream().mapToDouble(EpochRecord::seconds).average().orElseThrow();
        Double left = mean == null ? null
                : mean * Math.max(0, totalEpochs - epochs.get(epochs.size() - 1).epoch());
        return new Snapshot(epoch, totalEpochs, stage, batch, batches, Double.isFinite(lastLoss) ? lastLoss : null,
                selection, List.copyOf(epochs), mean, left, List.copyOf(messages));
    }
}
