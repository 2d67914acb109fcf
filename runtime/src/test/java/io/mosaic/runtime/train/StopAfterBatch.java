package io.mosaic.runtime.train;

/** Requests a stop once a given training batch of a given epoch has finished. */
final class StopAfterBatch implements TrainingListener {
    private final StopRequest stop;
    private final int epoch;
    private final int batch;
    private int currentEpoch;
    private int finished;

    /** Requests {@code stop} after the {@code batch}-th training batch (from 1) of {@code epoch}. */
    StopAfterBatch(StopRequest stop, int epoch, int batch) {
        this.stop = stop;
        this.epoch = epoch;
        this.batch = batch;
    }

    @Override
    public void epochStarted(int epoch, int totalEpochs, String stage, int count) {
        currentEpoch = epoch;
        finished = 0;
    }

    @Override
    public void batchFinished(double loss) {
        if (currentEpoch == epoch && ++finished == batch) {
            stop.request("test");
        }
    }
}
