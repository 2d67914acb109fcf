package io.mosaic.api.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Objects;

/**
 * A batch of features: a padded sequence [B, T, D] with its true lengths [B] (int64), or a pooled vector [B, D]
 * without lengths. Positions at or after a sample's length are padding.
 */
public record Features(NDArray values, NDArray lengths) {

    public Features {
        Objects.requireNonNull(values, "values");
        if (lengths == null && values.getShape().dimension() != 2) {
            throw new IllegalArgumentException("pooled features are [B, D], got " + values.getShape());
        }
        if (lengths != null && values.getShape().dimension() != 3) {
            throw new IllegalArgumentException("sequence features are [B, T, D], got " + values.getShape());
        }
    }

    public static Features sequence(NDArray values, NDArray lengths) {
        return new Features(values, Objects.requireNonNull(lengths, "lengths"));
    }

    public static Features pooled(NDArray values) {
        return new Features(values, null);
    }

    public boolean isSequence() {
        return lengths != null;
    }

    /** The same lengths with other values (for layers that keep the time axis). */
    public Features withValues(NDArray newValues) {
        return new Features(newValues, lengths);
    }

    /** [B, T] boolean: true at the positions before each sample's length. */
    public NDArray mask() {
        if (!isSequence()) {
            throw new IllegalStateException("pooled features have no time axis");
        }
        long steps = values.getShape().get(1);
        NDArray positions = values.getManager().arange(steps).toType(DataType.INT64, false).expandDims(0);
        return positions.lt(lengths.toType(DataType.INT64, false).expandDims(1));
    }

    /**
     * The values with every padded step exactly 0, [B, T, D] ({@link Scalars#keepOnly}: a select, so NaN or infinity in
     * padding cannot leak through); a pooled vector as it is.
     */
    public NDArray paddingZeroed() {
        return isSequence() ? Scalars.keepSteps(values, mask()) : values;
    }
}
