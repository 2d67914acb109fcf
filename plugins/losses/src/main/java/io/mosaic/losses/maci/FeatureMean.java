package io.mosaic.losses.maci;

/** The mean of feature vectors added as partial sums over counted positions, accumulated in double precision. */
final class FeatureMean {
    private final double[] sum;
    private long positions;

    FeatureMean(int width) {
        this.sum = new double[width];
    }

    /** Adds {@code partialSum}, the sum of the features at {@code count} positions. */
    void add(float[] partialSum, long count) {
        for (int j = 0; j < sum.length; j++) {
            sum[j] += partialSum[j];
        }
        positions += count;
    }

    /** @throws IllegalArgumentException when no position was added */
    float[] mean(String what) {
        if (positions == 0) {
            throw new IllegalArgumentException("the mean of " + what + " needs at least one position, found none");
        }
        float[] mean = new float[sum.length];
        for (int j = 0; j < sum.length; j++) {
            mean[j] = (float) (sum[j] / positions);
        }
        return mean;
    }
}
