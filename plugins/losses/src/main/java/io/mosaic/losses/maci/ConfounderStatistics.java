package io.mosaic.losses.maci;

import java.util.Arrays;

/**
 * Accumulates, in double precision, what the {@code mcm} head fits from the training split: per class, the mean over
 * samples of each modality's features averaged over the sample's true length (the confounder z_c), and the class
 * frequencies (the prior P(c)). A modality block of a class averages only the samples with at least one frame of that
 * modality; a class without samples keeps a zero row and a zero prior.
 */
final class ConfounderStatistics {
    private final int classes;
    private final int[] widths;
    private final int[] offsets;
    private final int total;
    private final double[] sums;
    private final long[][] samples;
    private final long[] labels;

    /** @param widths the feature width d_m of each modality, in dictionary order */
    ConfounderStatistics(int classes, int[] widths) {
        this.classes = classes;
        this.widths = widths.clone();
        this.offsets = new int[widths.length];
        int offset = 0;
        for (int m = 0; m < widths.length; m++) {
            offsets[m] = offset;
            offset += widths[m];
        }
        this.total = offset;
        this.sums = new double[classes * total];
        this.samples = new long[classes][widths.length];
        this.labels = new long[classes];
    }

    /** Counts one training label. */
    void countLabel(long label) {
        labels[checked(label)]++;
    }

    /**
     * Adds one sample's frames of modality {@code modality}.
     *
     * @param frameSums the sum over the sample's valid frames is {@code frameSums[from .. from + d_m)}
     * @param length    the sample's true length; a sample without frames adds nothing
     */
    void addSample(long label, int modality, float[] frameSums, int from, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("a sample's length is at least 0, found " + length);
        }
        if (length == 0) {
            return;
        }
        int c = checked(label);
        int row = c * total + offsets[modality];
        for (int j = 0; j < widths[modality]; j++) {
            sums[row + j] += frameSums[from + j] / (double) length;
        }
        samples[c][modality]++;
    }

    /** The confounder dictionary [K, Σ d_m], row-major: per class, the modality blocks in order. */
    float[] dictionary() {
        float[] dictionary = new float[classes * total];
        for (int c = 0; c < classes; c++) {
            for (int m = 0; m < widths.length; m++) {
                long count = samples[c][m];
                for (int j = 0; j < widths[m]; j++) {
                    int at = c * total + offsets[m] + j;
                    dictionary[at] = count == 0 ? 0 : (float) (sums[at] / count);
                }
            }
        }
        return dictionary;
    }

    /** The class frequencies [K]. */
    float[] prior() {
        long all = Arrays.stream(labels).sum();
        if (all == 0) {
            throw new IllegalArgumentException("mcm fits its prior from the training labels, found no sample");
        }
        float[] prior = new float[classes];
        for (int c = 0; c < classes; c++) {
            prior[c] = (float) ((double) labels[c] / all);
        }
        return prior;
    }

    private int checked(long label) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("a class label is in [0, " + classes + "), found " + label);
        }
        return (int) label;
    }
}
