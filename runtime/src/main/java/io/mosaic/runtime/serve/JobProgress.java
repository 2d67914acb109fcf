package io.mosaic.runtime.serve;

import io.mosaic.runtime.train.EpochRecord;
import io.mosaic.runtime.train.TrainingListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Follows one job's training as it goes: the epoch and batch reached, every finished epoch, recent messages. */
public final class JobProgress implements TrainingListener {
    private static final int MESSAGES_KEPT = 20;

    private int epoch;
    private int totalEpochs;
    private String stage = "";
    private int batch;
    private int batches;
    private double lastLoss = Double.NaN;
    private final List<EpochRecord> epochs = new ArrayList<>();
    private final Deque<String> messages = new ArrayDeque<>();
    private volatile boolean cancelled;

    /** A consistent copy of the progress so far. */
    public record Snapshot(int epoch, int totalEpochs, String stage, int batch, int batches, Double lastLoss,
                           List<EpochRecord> epochs, List<String> messages) {
    }

    @Override
    public synchronized void epochStarted(int epoch, int totalEpochs, String stage, int batches) {
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
    }

    @Override
    public synchronized void message(String text) {
        if (messages.size() == MESSAGES_KEPT) {
            messages.removeFirst();
        }
        messages.addLast(text);
    }

    /** Asks the job's run to stop at its next step boundary. */
    void cancel() {
        cancelled = true;
    }

    @Override
    public Optional<String> stopRequested() {
        return cancelled ? Optional.of("cancelled") : Optional.empty();
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(epoch, totalEpochs, stage, batch, batches, Double.isFinite(lastLoss) ? lastLoss : null,
                List.copyOf(epochs), List.copyOf(messages));
    }
}
