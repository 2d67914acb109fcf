package io.mosaic.runtime.metrics;

/**
 * The metrics MMSA computes for MOSI and MOSEI regression ({@code eval_mosei_regression}), plus the Acc-3 it computes
 * but does not return. Inputs are predicted and target sentiment scores, nominally in [−3, 3].
 */
public final class MosiMetrics {

    private MosiMetrics() {
    }

    /**
     * In order: {@link Metric#ACC2_HAS0}, {@link Metric#F1_HAS0}, {@link Metric#ACC2_NON0}, {@link Metric#F1_NON0},
     * {@link Metric#ACC3}, {@link Metric#ACC5}, {@link Metric#ACC7}, {@link Metric#MAE}, {@link Metric#CORR}. When
     * every target is 0 the Non0 subset is empty and both Non0 metrics are NaN (undefined; {@link
     * Direction#isBetter} never prefers NaN).
     *
     * @throws IllegalArgumentException for empty or unequal-length inputs, or a non-finite value
     */
    public static MetricSet compute(double[] predictions, double[] targets) {
        Inputs.requireScores(predictions, targets);
        MetricSet.Builder metrics = MetricSet.builder();
        putBinary(metrics, Metric.ACC2_HAS0, Metric.F1_HAS0,
                ScoreClasses.nonNegative(predictions), ScoreClasses.nonNegative(targets));
        putNonZero(metrics, predictions, targets);
        return metrics
                .put(Metric.ACC3, roundedAccuracy(predictions, targets, 1))
                .put(Metric.ACC5, roundedAccuracy(predictions, targets, 2))
                .put(Metric.ACC7, roundedAccuracy(predictions, targets, 3))
                .put(Metric.MAE, ScoreStatistics.meanAbsoluteError(predictions, targets))
                .put(Metric.CORR, ScoreStatistics.pearson(predictions, targets))
                .build();
    }

    /** Non0: only samples whose target is not 0, positive (> 0) against the rest. */
    private static void putNonZero(MetricSet.Builder metrics, double[] predictions, double[] targets) {
        int kept = 0;
        for (double target : targets) {
            if (target != 0) {
                kept++;
            }
        }
        if (kept == 0) {
            metrics.put(Metric.ACC2_NON0, Double.NaN).put(Metric.F1_NON0, Double.NaN);
            return;
        }
        double[] keptPredictions = new double[kept];
        double[] keptTargets = new double[kept];
        int next = 0;
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] != 0) {
                keptPredictions[next] = predictions[i];
                keptTargets[next] = targets[i];
                next++;
            }
        }
        putBinary(metrics, Metric.ACC2_NON0, Metric.F1_NON0,
                ScoreClasses.positive(keptPredictions), ScoreClasses.positive(keptTargets));
    }

    private static void putBinary(MetricSet.Builder metrics, Metric accuracy, Metric f1, int[] predicted,
            int[] actual) {
        metrics.put(accuracy, ClassificationMetrics.accuracy(predicted, actual))
                .put(f1, F1Scores.weighted(predicted, actual));
    }

    private static double roundedAccuracy(double[] predictions, double[] targets, int bound) {
        return ClassificationMetrics.accuracy(
                ScoreClasses.rounded(predictions, bound), ScoreClasses.rounded(targets, bound));
    }
}
