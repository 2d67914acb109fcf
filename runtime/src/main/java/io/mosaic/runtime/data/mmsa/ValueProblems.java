package io.mosaic.runtime.data.mmsa;

import io.mosaic.runtime.data.npz.NumericArray;
import java.util.ArrayList;
import java.util.List;

/**
 * The value checks of a feature file, made once its layout holds: text and vision features must be finite as float32
 * (audio is exempt: its non-finite values are read as 0, as MMSA does), labels finite and, once the file's
 * {@link LabelScale} is known, within its range. Each check reads its array once, in order, and stops at the first bad
 * value; the problems of the whole file, the first of each split and key, are collected so that one message (and
 * {@code data inspect}) names them all.
 */
final class ValueProblems {
    private final List<String> problems = new ArrayList<>();

    /** Checks every value of {@code features} [N, T, D] is finite as float32, reading one sample at a time. */
    void requireFinite(Place place, String key, NumericArray features) {
        int steps = features.dimension(1);
        int dim = features.dimension(2);
        float[] sample = new float[steps * dim];
        for (int row = 0; row < features.dimension(0); row++) {
            features.copyTo((long) row * sample.length, sample, 0, sample.length);
            for (int i = 0; i < sample.length; i++) {
                if (!Float.isFinite(sample[i])) {
                    add(place, key, "value " + sample[i] + " at sample " + row + ", step " + i / dim + ", feature "
                            + i % dim + " is not finite; only audio may hold non-finite values (read as 0, as MMSA "
                            + "does)");
                    return;
                }
            }
        }
    }

    /** Checks every label is finite. */
    void requireFinite(Place place, String key, double[] labels) {
        for (int row = 0; row < labels.length; row++) {
            if (!Double.isFinite(labels[row])) {
                add(place, key, "label " + labels[row] + " at sample " + row + " is not finite");
                return;
            }
        }
    }

    /** Checks every finite label lies within {@code scale} (give or take {@link LabelScale#TOLERANCE}). */
    void requireWithin(Place place, String key, float[] labels, LabelScale scale) {
        for (int row = 0; row < labels.length; row++) {
            if (Float.isFinite(labels[row]) && !scale.contains(labels[row])) {
                add(place, key, "label " + labels[row] + " at sample " + row + " is " + scale.outside());
                return;
            }
        }
    }

    private void add(Place place, String key, String message) {
        problems.add(place.error(key, message).getMessage());
    }

    /** @throws IllegalArgumentException listing every problem, one per line, when there are any */
    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
    }
}
