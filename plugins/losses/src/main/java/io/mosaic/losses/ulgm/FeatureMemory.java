package io.mosaic.losses.ulgm;

/**
 * One modality's feature memory over the training split, 𝔽 ∈ R^{N×d} (zeros until a row is written), and its two
 * class centres, recomputed over the whole memory (mmsa.md §3.4, steps 5–6).
 */
final class FeatureMemory {
    private final String modality;
    private final int dim;
    private final float[] rows;
    /** The class centres c⁺ and c⁻; {@code null} while their class is empty. */
    private double[] positive;
    private double[] negative;

    FeatureMemory(String modality, int samples, int dim) {
        this(modality, dim, new float[samples * dim]);
    }

    /** A memory holding {@code rows}, N rows of width {@code dim} one after another. */
    FeatureMemory(String modality, int dim, float[] rows) {
        this.modality = modality;
        this.dim = dim;
        this.rows = rows;
    }

    int dim() {
        return dim;
    }

    /** The memory's rows, N × d, one after another. */
    float[] rows() {
        return rows.clone();
    }

    /** c⁺, or {@code null} while no row is in the positive class. */
    double[] positiveCentre() {
        return positive == null ? null : positive.clone();
    }

    /** c⁻, or {@code null} while no row is in the negative class. */
    double[] negativeCentre() {
        return negative == null ? null : negative.clone();
    }

    /** 𝔽[row] ← {@code features}[i], the i-th of a batch's [B, d] features. */
    void write(int row, float[] features, int i) {
        System.arraycopy(features, i * dim, rows, row * dim, dim);
    }

    /**
     * Recomputes c⁺ = mean{𝔽_j : y_j > 0} (≥ 0 when zeros are not excluded) and c⁻ = mean{𝔽_j : y_j < 0} over every
     * row.
     */
    void recentre(double[] labels, boolean excludeZero) {
        double[] positiveSum = new double[dim];
        double[] negativeSum = new double[dim];
        int positives = 0;
        int negatives = 0;
        for (int j = 0; j < labels.length; j++) {
            if (labels[j] > 0 || (labels[j] == 0 && !excludeZero)) {
                add(positiveSum, j);
                positives++;
            } else if (labels[j] < 0) {
                add(negativeSum, j);
                negatives++;
            }
        }
        positive = mean(positiveSum, positives);
        negative = mean(negativeSum, negatives);
    }

    /**
     * δ = (D⁻ − D⁺) / (D⁺ + ε) for the i-th of a batch's features [B, d]: how much nearer the positive centre than the
     * negative one it lies.
     *
     * @throws IllegalStateException when a class of the training split is empty, so its centre is undefined
     */
    double delta(float[] features, int i, Distance distance) {
        if (positive == null || negative == null) {
            throw new IllegalStateException("no training sample has a " + (positive == null ? "positive" : "negative")
                    + " " + modality + " label, so ULGM's " + modality + " class centre is undefined");
        }
        double toPositive = distance.of(squaredDistance(features, i, positive), dim);
        double toNegative = distance.of(squaredDistance(features, i, negative), dim);
        return (toNegative - toPositive) / (toPositive + LabelMemory.EPSILON);
    }

    private void add(double[] sum, int row) {
        for (int k = 0; k < dim; k++) {
            sum[k] += rows[row * dim + k];
        }
    }

    private static double[] mean(double[] sum, int count) {
        if (count == 0) {
            return null;
        }
        double[] mean = new double[sum.length];
        for (int k = 0; k < sum.length; k++) {
            mean[k] = sum[k] / count;
        }
        return mean;
    }

    private double squaredDistance(float[] features, int i, double[] centre) {
        double sum = 0;
        for (int k = 0; k < dim; k++) {
            double difference = features[i * dim + k] - centre[k];
            sum += difference * difference;
        }
        return sum;
    }
}
