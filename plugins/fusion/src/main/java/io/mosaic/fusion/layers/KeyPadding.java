package io.mosaic.fusion.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Which keys are real, in the two forms attention uses.
 *
 * @param valid [B, 1, 1, N]: 1 for a real key, 0 for padding (multiplies weights after the softmax)
 * @param bias  [B, 1, 1, N]: 0 for a real key, -1e9 for padding (added to logits before the softmax)
 */
public record KeyPadding(NDArray valid, NDArray bias) {

    /** The logit given to a key that must not be attended. */
    public static final double FORBIDDEN = -1e9;

    /** @param valid [B, N] boolean, true for the real positions */
    public static KeyPadding of(NDArray valid, DataType dataType) {
        long batch = valid.getShape().get(0);
        NDArray ones = valid.toType(dataType, false).reshape(batch, 1, 1, -1);
        return new KeyPadding(ones, ones.sub(1).mul(-FORBIDDEN));
    }
}
