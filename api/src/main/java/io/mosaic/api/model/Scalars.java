package io.mosaic.api.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with a constant that is safe under autograd. DJL 0.32's {@code NDArray.mul(Number)}, {@code div(Number)}
 * and {@code maximum(Number)} on the PyTorch engine wrap the constant in a tensor over a Java direct buffer and close
 * it right after the operation; autograd keeps that tensor for the backward pass, and once the garbage collector has
 * freed the buffer the gradient is computed from whatever the memory then holds (NaN, now and then, depending on
 * garbage collection). These methods make the constant a tensor that the engine owns.
 */
public final class Scalars {

    private Scalars() {
    }

    /** x · factor. */
    public static NDArray times(NDArray x, double factor) {
        return x.mul(constant(x, factor));
    }

    /** x / divisor. */
    public static NDArray dividedBy(NDArray x, double divisor) {
        return x.div(constant(x, divisor));
    }

    /** max(x, floor), elementwise. */
    public static NDArray atLeast(NDArray x, double floor) {
        return x.maximum(constant(x, floor));
    }

    /**
     * {@code values} where {@code keep} is true and exactly 0 elsewhere, {@code keep} broadcast against {@code values}
     * (a boolean [B, T, 1] against [B, T, D]). A select, not a product with the mask, so that padding holding NaN or
     * infinity cannot leak through and no -0.0 appears; the 0 is a scalar tensor, so no array of zeros the size of
     * {@code values} is made and filled. Gradients flow to {@code values} where it is kept.
     */
    public static NDArray keepOnly(NDArray values, NDArray keep) {
        // DJL's where needs the condition in the values' shape: a broadcast view, not a copy.
        Shape shape = values.getShape();
        NDArray condition = keep.getShape().equals(shape) ? keep : keep.broadcast(shape);
        return NDArrays.where(condition, values, constant(values, 0));
    }

    /**
     * {@code values} [B, T, D] with every step where {@code steps} [B, T] is false set to exactly 0, by
     * {@link #keepOnly}.
     */
    public static NDArray keepSteps(NDArray values, NDArray steps) {
        return keepOnly(values, steps.expandDims(2));
    }

    /** {@code value} as a scalar tensor of {@code like}'s type, in its manager, on its device. */
    public static NDArray constant(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }
}
