package io.mosaic.runtime.metrics;

import java.util.ArrayList;
import java.util.List;

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

    /**
     * The positions of the best of {@code values}: every one that no other value is better than, so ties are all best.
     * Undefined values ({@code null}, NaN) are never best; none is when no value is defined.
     */
    public List<Integer> best(List<Double> values) {
        Double best = null;
        for (Double value : values) {
            if (value != null && !Double.isNaN(value) && (best == null || isBetter(value, best))) {
                best = value;
            }
        }
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < values.size() && best != null; i++) {
            if (values.get(i) != null && values.get(i) == best.doubleValue()) {
                positions.add(i);
            }
        }
        return positions;
    }
}
