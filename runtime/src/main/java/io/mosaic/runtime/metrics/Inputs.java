package io.mosaic.runtime.metrics;

/** Checks shared by every metric: paired, non-empty inputs with usable values. */
final class Inputs {

    private Inputs() {
    }

    /** Predicted and target scores: same non-zero length, every value finite. */
    static void requireScores(double[] predictions, double[] targets) {
        requirePaired(length(predictions, "predictions"), length(targets, "targets"), "predictions", "targets");
        requireFinite(predictions, "predictions");
        requireFinite(targets, "targets");
    }

    /** Predicted and true class ids: same non-zero length, every id non-negative. */
    static void requireClassIds(int[] predicted, int[] actual) {
        requirePaired(length(predicted, "predicted"), length(actual, "actual"), "predicted", "actual");
        requireNonNegative(predicted, "predicted");
        requireNonNegative(actual, "actual");
    }

    private static int length(double[] values, String name) {
        requireNonNull(values, name);
        return values.length;
    }

    private static int length(int[] ids, String name) {
        requireNonNull(ids, name);
        return ids.length;
    }

    private static void requireNonNull(Object array, String name) {
        if (array == null) {
            throw new IllegalArgumentException(name + " must be an array, found null");
        }
    }

    private static void requirePaired(int first, int second, String firstName, String secondName) {
        if (first != second) {
            throw new IllegalArgumentException(firstName + " and " + secondName + " must have the same length, found "
                    + first + " " + firstName + " and " + second + " " + secondName);
        }
        if (first == 0) {
            throw new IllegalArgumentException("metrics need at least one sample, found 0 " + firstName);
        }
    }

    private static void requireFinite(double[] values, String name) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] must be finite, found " + values[i]);
            }
        }
    }

    private static void requireNonNegative(int[] ids, String name) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0) {
                throw new IllegalArgumentException(name + "[" + i + "] must be a class id >= 0, found " + ids[i]);
            }
        }
    }
}
