package io.mosaic.runtime.metrics;

/**
 * The metrics MMSA computes for CH-SIMS and CH-SIMS v2 regression ({@code eval_sims_regression}). Both predictions
 * and targets are first clipped to [−1, 1]; every metric, MAE and correlation included, uses the clipped values.
 * Bins are half-open (lo, hi]; MMSA's outer edges ±1.01 lie beyond the clip range, so only the inner edges matter.
 *
 * <p>MMSA bins float32 arrays (the model's output and the labels as torch tensors), and NumPy compares a float32
 * array with a Python float in float32: the values and the edges are compared as floats here too, so that
 * float32(0.1) is neutral ((−0.1, 0.1]) and float32(−0.7) is in the lowest of five bins, as in MMSA, where the
 * double comparison would put them one bin higher.
 */
public final class SimsMetrics {

    /** Inner edges of MMSA's [−1.01, 0, 1.01]: ≤ 0 is class 0 (zero goes with the negatives), > 0 class 1. */
    private static final float[] TWO_CLASS_EDGES = {0.0f};
    /** Inner edges of [−1.01, −0.1, 0.1, 1.01]. */
    private static final float[] THREE_CLASS_EDGES = {-0.1f, 0.1f};
    /** Inner edges of [−1.01, −0.7, −0.1, 0.1, 0.7, 1.01]. */
    private static final float[] FIVE_CLASS_EDGES = {-0.7f, -0.1f, 0.1f, 0.7f};

    private SimsMetrics() {
    }

    /**
     * In order: {@link Metric#SIMS_ACC2}, {@link Metric#SIMS_ACC3}, {@link Metric#SIMS_ACC5}, {@link Metric#SIMS_F1}
     * (weighted F1 of the two-class bins), {@link Metric#SIMS_MAE}, {@link Metric#SIMS_CORR}.
     *
     * @throws IllegalArgumentException for empty or unequal-length inputs, or a non-finite value
     */
    public static MetricSet compute(double[] predictions, double[] targets) {
        Inputs.requireScores(predictions, targets);
        double[] p = ScoreClasses.clip(predictions, 1);
        double[] y = ScoreClasses.clip(targets, 1);
        int[] predictedTwo = ScoreClasses.binned(p, TWO_CLASS_EDGES);
        int[] actualTwo = ScoreClasses.binned(y, TWO_CLASS_EDGES);
        return MetricSet.builder()
                .put(Metric.SIMS_ACC2, ClassificationMetrics.accuracy(predictedTwo, actualTwo))
                .put(Metric.SIMS_ACC3, binnedAccuracy(p, y, THREE_CLASS_EDGES))
                .put(Metric.SIMS_ACC5, binnedAccuracy(p, y, FIVE_CLASS_EDGES))
                .put(Metric.SIMS_F1, F1Scores.weighted(predictedTwo, actualTwo))
                .put(Metric.SIMS_MAE, ScoreStatistics.meanAbsoluteError(p, y))
                .put(Metric.SIMS_CORR, ScoreStatistics.pearson(p, y))
                .build();
    }

    private static double binnedAccuracy(double[] p, double[] y, float[] innerEdges) {
        return ClassificationMetrics.accuracy(ScoreClasses.binned(p, innerEdges), ScoreClasses.binned(y, innerEdges));
    }
}
