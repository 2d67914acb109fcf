package io.mosaic.runtime.data.mmsa;

import io.mosaic.runtime.data.npz.NumericArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The value checks of a feature file, made once its layout holds: text and vision features must be finite as float32
 * (audio is exempt: its non-finite values are read as 0, as MMSA does), and labels finite and within the scale's
 * range. Each check reads its array once, in order, and stops at the first bad value; the problems of the whole
 * file, the first of each split and key, are collected so that one message (and {@code data inspect}) names them all.
 */
final class ValueProblems {
    /** How far a label may lie outside its scale's range, for rounding in files that store the scale's bounds. */
    static final double LABEL_TOLERANCE = 0.01;

    /** The range of a label scale. */
    record Scale(String name, double low, double high) {
    }

    /** MOSI's and MOSEI's sentiment scale. */
    static final Scale MOSI = new Scale("MOSI and MOSEI's scale", -3, 3);
    /** CH-SIMS' scale, of files that carry the unimodal labels {@code regression_labels_T/A/V}. */
    static final Scale SIMS = new Scale("SIMS' scale, as the file has regression_labels_T/A/V", -1, 1);

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

    /** Checks every label is finite and within {@code scale} (give or take {@link #LABEL_TOLERANCE}). */
    void requireLabels(Place place, String key, double[] labels, Scale scale) {
        for (int row = 0; row < labels.length; row++) {
            double label = labels[row];
            if (!Double.isFinite(label)) {
                add(place, key, "label " + label + " at sample " + row + " is not finite");
                return;
            }
            if (label < scale.low() - LABEL_TOLERANCE || label > scale.high() + LABEL_TOLERANCE) {
                add(place, key, String.format(Locale.ROOT, "label %s at sample %d is outside [%.0f, %.0f], %s",
                        label, row, scale.low(), scale.high(), scale.name()));
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
