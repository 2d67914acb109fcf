package io.mosaic.runtime.metrics;

import java.util.Arrays;

/** The median of measured values: times of steps, evaluations, epochs. */
public final class Median {

    private Median() {
    }

    /**
     * The middle value of {@code values}, or the mean of the two middle values when their number is even.
     *
     * @throws IllegalArgumentException when there is no value
     */
    public static double of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a median needs at least one value");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
