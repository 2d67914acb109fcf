package io.mosaic.runtime.metrics;

/** Which way a metric improves, so that a trainer can select checkpoints by any metric. */
public enum Direction {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER;

    /**
     * Whether {@code candidate} is strictly better than {@code incumbent}. An undefined (NaN) candidate is never
     * better; any defined candidate beats an undefined incumbent.
     */
    public boolean isBetter(double candidate, double incumbent) {
        if (Double.isNaN(candidate)) {
            return false;
        }
        if (Double.isNaN(incumbent)) {
            return true;
        }
        return this == HIGHER_IS_BETTER ? candidate > incumbent : candidate < incumbent;
    }
}
