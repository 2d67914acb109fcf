package io.mosaic.runtime.metrics;

/** Metrics of predicted class ids against true class ids. */
public final class ClassificationMetrics {
    private static final int NEUTRAL = 1;

    private ClassificationMetrics() {
    }

    /** {@link Metric#ACCURACY}, {@link Metric#F1_WEIGHTED} and {@link Metric#F1_MACRO}, in that order. */
    public static MetricSet compute(int[] predicted, int[] actual) {
        return MetricSet.builder()
                .put(Metric.ACCURACY, accuracy(predicted, actual))
                .put(Metric.F1_WEIGHTED, F1Scores.weighted(predicted, actual))
                .put(Metric.F1_MACRO, F1Scores.macro(predicted, actual))
                .build();
    }

    /**
     * The class metrics of a three-class polarity task (0 negative, 1 neutral, 2 positive) and CIDer's non-0 Acc-2
     * and F1 on it ({@code reference/cider.md} §6): samples whose true class is neutral are dropped, and a neutral
     * prediction of a polar sample counts as an error.
     */
    public static MetricSet polarity(int[] predicted, int[] actual) {
        int polar = 0;
        for (int id : actual) {
            polar += id == NEUTRAL ? 0 : 1;
        }
        int[] polarPredicted = new int[polar];
        int[] polarActual = new int[polar];
        for (int i = 0, j = 0; i < actual.length; i++) {
            if (actual[i] != NEUTRAL) {
                polarPredicted[j] = predicted[i];
                polarActual[j++] = actual[i];
            }
        }
        MetricSet.Builder metrics = MetricSet.builder().putAll(compute(predicted, actual));
        return metrics.put(Metric.ACC2_NON0, polar == 0 ? Double.NaN : accuracy(polarPredicted, polarActual))
                .put(Metric.F1_NON0, polar == 0 ? Double.NaN : F1Scores.weighted(polarPredicted, polarActual))
                .build();
    }

    /** The fraction of positions where the predicted id equals the true one. */
    public static double accuracy(int[] predicted, int[] actual) {
        Inputs.requireClassIds(predicted, actual);
        int equal = 0;
        for (int i = 0; i < actual.length; i++) {
            if (predicted[i] == actual[i]) {
                equal++;
            }
        }
        return (double) equal / actual.length;
    }
}
