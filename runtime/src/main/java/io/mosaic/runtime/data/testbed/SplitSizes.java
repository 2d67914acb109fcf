package io.mosaic.runtime.data.testbed;

/** The number of samples in each of the three splits. */
public record SplitSizes(int train, int valid, int test) {

    public SplitSizes {
        if (train < 0 || valid < 0 || test < 0) {
            throw new IllegalArgumentException("split sizes must be >= 0, got train " + train + ", valid " + valid
                    + ", test " + test);
        }
    }
}
