package io.mosaic.runtime.metrics;

/** Metrics of predicted class ids against true class ids. */
public final class ClassificationMetrics {

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
