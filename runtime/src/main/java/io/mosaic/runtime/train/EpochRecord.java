package io.mosaic.runtime.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one epoch did.
 *
 * @param epoch       1-based, counted over all stages
 * @param trainLoss   mean weighted objective sum over the epoch's training batches
 * @param validLoss   the same on the validation split, without dropout
 * @param valid       the validation metrics
 * @param seconds     wall time of the epoch, evaluation included
 * @param improved    whether the selection metric improved (and the best checkpoint was written)
 * @param residentMegabytes the process's resident memory after the epoch (MiB), to show that native memory does
 *                    not grow from epoch to epoch
 * @param objectives  per objective trained this epoch (by name, {@code cmd}, {@code cross-entropy#2}), its own
 *                    unweighted value averaged over the training samples; empty in checkpoints written before it
 *                    was recorded
 * @param taps        per 0-dim tap of the clean view's training passes (by its full name, {@code text.mask.keep}),
 *                    its mean over the epoch's training batches that recorded it; empty in checkpoints written before
 *                    it was recorded
 */
public record EpochRecord(int epoch, String stage, double trainLoss, double validLoss, Map<String, Double> valid,
                          double seconds, double samplesPerSecond, boolean improved, double residentMegabytes,
                          Map<String, Double> objectives, Map<String, Double> taps) {

    public EpochRecord {
        objectives = frozen(objectives);
        taps = frozen(taps);
    }

    /** An epoch whose training passes recorded no scalar tap. */
    public EpochRecord(int epoch, String stage, double trainLoss, double validLoss, Map<String, Double> valid,
                       double seconds, double samplesPerSecond, boolean improved, double residentMegabytes,
                       Map<String, Double> objectives) {
        this(epoch, stage, trainLoss, validLoss, valid, seconds, samplesPerSecond, improved, residentMegabytes,
                objectives, Map.of());
    }

    private static Map<String, Double> frozen(Map<String, Double> values) {
        return values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
