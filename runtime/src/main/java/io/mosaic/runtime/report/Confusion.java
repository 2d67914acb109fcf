package io.mosaic.runtime.report;

import java.util.List;

/**
 * A confusion matrix: {@code counts[t][p]} samples of true class t predicted as class p.
 */
public record Confusion(long[][] counts) {

    /**
     * The matrix of {@code predictions} over {@code classes} classes.
     *
     * @throws IllegalArgumentException when a label or prediction is not a class id below {@code classes}
     */
    public static Confusion of(List<Prediction> predictions, int classes) {
        long[][] counts = new long[classes][classes];
        for (Prediction p : predictions) {
            counts[classId(p.label(), classes, p, "label")][classId(p.prediction(), classes, p, "prediction")]++;
        }
        return new Confusion(counts);
    }

    private static int classId(double value, int classes, Prediction p, String what) {
        if (value != Math.rint(value) || value < 0 || value >= classes) {
            throw new IllegalArgumentException("a sample of the " + p.split() + " split has the " + what + " "
                    + value + ", not a class id in [0, " + classes + ")");
        }
        return (int) value;
    }

    /** The number of samples counted. */
    public long total() {
        long total = 0;
        for (long[] row : counts) {
            for (long count : row) {
                total += count;
            }
        }
        return total;
    }
}
