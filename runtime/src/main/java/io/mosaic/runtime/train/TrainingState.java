package io.mosaic.runtime.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Where training stands between epochs: enough to resume exactly.
 *
 * @param stage       index of the current stage
 * @param stageEpoch  epochs completed in the current stage
 * @param epoch       epochs completed in all
 * @param best        the best value of the selection metric so far ({@code NaN} before the first evaluation)
 * @param bestEpoch   the epoch that reached it (0 before)
 * @param stale       epochs of the current stage since the selection metric last improved
 * @param history     every completed epoch
 * @param fingerprint identifies the resolved assembly the state belongs to
 */
public record TrainingState(int stage, int stageEpoch, int epoch, double best, int bestEpoch, int stale,
                            List<EpochRecord> history, String fingerprint) {

    public TrainingState {
        history = List.copyOf(history);
    }

    static TrainingState start(String fingerprint) {
        return new TrainingState(0, 0, 0, Double.NaN, 0, 0, List.of(), fingerprint);
    }

    /** The state after {@code record}, where {@code improved} says whether it set a new best {@code value}. */
    TrainingState after(EpochRecord record, double value) {
        List<EpochRecord> next = new ArrayList<>(history);
        next.add(record);
        return record.improved()
                ? new TrainingState(stage, stageEpoch + 1, epoch + 1, value, record.epoch(), 0, next, fingerprint)
                : new TrainingState(stage, stageEpoch + 1, epoch + 1, best, bestEpoch, stale + 1, next, fingerprint);
    }

    /** The state at the start of the next stage. */
    TrainingState nextStage() {
        return new TrainingState(stage + 1, 0, epoch, best, bestEpoch, 0, history, fingerprint);
    }
}
