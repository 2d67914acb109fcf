package io.mosaic.runtime.metrics;

import java.util.List;

/**
 * Whether two series of numbers are the same to float precision: a metric the engine computes in float32 (the
 * objective's loss) and one computed in double from the same predictions (MAE, for an L1 objective) differ in the
 * eighth digit, and {@code epochs.csv} rounds both to six decimals. Pages use it to draw such series once.
 */
public final class SameValues {
    /** The relative difference below which two numbers are the same; float32 resolves about 6e-8. */
    static final double RELATIVE = 1e-6;

    private SameValues() {
    }

    /** Whether {@code a} and {@code b} are equal, both undefined, or differ by at most a millionth of the larger. */
    public static boolean same(Double a, Double b) {
        if (a == null || b == null || a.isNaN() || b.isNaN()) {
            return a == null ? b == null : b != null && a.isNaN() && b.isNaN();
        }
        return a.doubleValue() == b.doubleValue() || Math.abs(a - b) <= RELATIVE * Math.max(Math.abs(a), Math.abs(b));
    }

    /** Whether the series have the same length and the same numbers, position by position (see {@link #same}). */
    public static boolean same(List<Double> a, List<Double> b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!same(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }
}
