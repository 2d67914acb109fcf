package io.mosaic.api.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * Arrays joined along an axis, gradients kept. DJL's {@code NDArrays.concat} returns a copy of a single array that
 * autograd does not follow (its {@code duplicate}), so a component that concatenates a list that may hold one array
 * (the inputs of a fusion over one modality, the streams into a target from one other modality) would silently stop
 * training what lies before it; {@link #of} returns the array itself.
 */
public final class Concatenation {
    private Concatenation() {
    }

    /** {@code parts} (at least one) joined along {@code axis}; a single part is returned as it is. */
    public static NDArray of(NDList parts, int axis) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to concatenate");
        }
        return parts.size() == 1 ? parts.head() : NDArrays.concat(parts, axis);
    }
}
