package io.mosaic.api.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Objects;

/**
 * A batch of features: a padded sequence [B, T, D] with its true lengths [B] (int64), or a pooled vector [B, D]
 * without lengths. Positions at or after a sample's length are padding. Padding may hold anything, unless
 * {@code paddingZero}: then the component that made the values set every padded step to exactly 0
 * ({@link #withValuesPaddingZeroed}), and {@link #paddingZeroed()} hands them over without zeroing them again.
 */
public record Features(NDArray values, NDArray lengths, boolean paddingZero) {

    public Features {
        Objects.requireNonNull(values, "values");
        if (lengths == null && values.getShape().dimension() != 2) {
            throw new IllegalArgumentException("pooled features are [B, D], got " + values.getShape());
        }
        if (lengths != null && values.getShape().dimension() != 3) {
            throw new IllegalArgumentException("sequence features are [B, T, D], got " + values.getShape());
        }
    }

    /** Features whose padding may hold anything. */
    public Features(NDArray values, NDArray lengths) {
        this(values, lengths, false);
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

    /** The same lengths with other values (for layers that keep the time axis), their padding holding anything. */
    public Features withValues(NDArray newValues) {
        return new Features(newValues, lengths);
    }

    /**
     * The same lengths with {@code newValues} [B, T, D], every padded step set to exactly 0 by {@link Scalars#keepSteps}
     * and marked so: a consumer's {@link #paddingZeroed()} then selects nothing again (a select over every element, which
     * libtorch 2.5.1 does one element at a time).
     */
    public Features withValuesPaddingZeroed(NDArray newValues) {
        return withValuesPaddingZeroed(newValues, mask(newValues, lengths));
    }

    /** {@link #withValuesPaddingZeroed(NDArray)} with the [B, T] mask the caller already holds ({@link #mask()}). */
    public Features withValuesPaddingZeroed(NDArray newValues, NDArray mask) {
        return new Features(Scalars.keepSteps(newValues, mask), lengths, true);
    }

    /** [B, T] boolean: true at the positions before each sample's length. */
    public NDArray mask() {
        if (!isSequence()) {
            throw new IllegalStateException("pooled features have no time axis");
        }
        return mask(values, lengths);
    }

    /**
     * The values with every padded step exactly 0, [B, T, D] ({@link Scalars#keepOnly}: a select, so NaN or infinity in
     * padding cannot leak through), the values themselves when {@link #paddingZero()} already holds; a pooled vector
     * as it is.
     */
    public NDArray paddingZeroed() {
        return isSequence() && !paddingZero ? Scalars.keepSteps(values, mask()) : values;
    }

    /** {@link #paddingZeroed()} of a sequence with the [B, T] mask the caller already holds ({@link #mask()}). */
    public NDArray paddingZeroed(NDArray mask) {
        return paddingZero ? values : Scalars.keepSteps(values, mask);
    }

    private static NDArray mask(NDArray values, NDArray lengths) {
        long steps = values.getShape().get(1);
        NDArray positions = values.getManager().arange(steps).toType(DataType.INT64, false).expandDims(0);
        return positions.lt(lengths.toType(DataType.INT64, false).expandDims(1));
    }
}
