package io.mosaic.runtime.metrics;

/**
 * F1 over class ids, the one implementation behind every F1 Mosaic reports, with scikit-learn's semantics. Per class
 * c, F1_c = 2·TP_c / (2·TP_c + FP_c + FN_c) = 2·TP_c / (predicted_c + actual_c), and 0 where that denominator is 0
 * (scikit-learn's {@code zero_division=0}).
 */
public final class F1Scores {

    private F1Scores() {
    }

    /**
     * {@code average='weighted'}: Σ_c actual_c · F1_c / n, each class weighted by its true support, so classes that
     * never occur in {@code actual} drop out.
     */
    public static double weighted(int[] predicted, int[] actual) {
        Inputs.requireClassIds(predicted, actual);
        ClassCounts counts = ClassCounts.of(predicted, actual);
        double sum = 0;
        for (int c = 0; c < counts.classes(); c++) {
            sum += counts.actual[c] * counts.f1(c);
        }
        return sum / actual.length;
    }

    /**
     * {@code average='macro'}: the plain mean of F1_c over the classes that occur in {@code predicted} or {@code
     * actual} (scikit-learn's default label set); a class only ever predicted counts with F1 0.
     */
    public static double macro(int[] predicted, int[] actual) {
        Inputs.requireClassIds(predicted, actual);
        ClassCounts counts = ClassCounts.of(predicted, actual);
        double sum = 0;
        int present = 0;
        for (int c = 0; c < counts.classes(); c++) {
            if (counts.predicted[c] + counts.actual[c] > 0) {
                sum += counts.f1(c);
                present++;
            }
        }
        return sum / present;
    }

    /** Per-class true positives and predicted and actual totals. */
    private static final class ClassCounts {
        final long[] truePositives;
        final long[] predicted;
        final long[] actual;

        private ClassCounts(int classes) {
            truePositives = new long[classes];
            predicted = new long[classes];
            actual = new long[classes];
        }

        static ClassCounts of(int[] predictedIds, int[] actualIds) {
            int maxId = 0;
            for (int i = 0; i < actualIds.length; i++) {
                maxId = Math.max(maxId, Math.max(predictedIds[i], actualIds[i]));
            }
            ClassCounts counts = new ClassCounts(maxId + 1);
            for (int i = 0; i < actualIds.length; i++) {
                counts.predicted[predictedIds[i]]++;
                counts.actual[actualIds[i]]++;
                if (predictedIds[i] == actualIds[i]) {
                    counts.truePositives[actualIds[i]]++;
                }
            }
            return counts;
        }

        int classes() {
            return actual.length;
        }

        double f1(int c) {
            long denominator = predicted[c] + actual[c];
            return denominator == 0 ? 0.0 : 2.0 * truePositives[c] / denominator;
        }
    }
}
