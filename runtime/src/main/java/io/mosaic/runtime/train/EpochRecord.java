package io.mosaic.runtime.train;

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
 */
public record EpochRecord(int epoch, String stage, double trainLoss, double validLoss, Map<String, Double> valid,
                          double seconds, double samplesPerSecond, boolean improved, double residentMegabytes) {
}
