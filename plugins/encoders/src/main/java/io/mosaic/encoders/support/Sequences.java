package io.mosaic.encoders.support;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import io.mosaic.api.model.FeatureShape;

/** Checks and masking shared by the encoders that read a padded sequence. */
public final class Sequences {

    private Sequences() {
    }

    /**
     * @param component the name of the encoder, for the message
     * @throws IllegalArgumentException when {@code input} is a pooled vector
     */
    public static void requireSequence(String component, FeatureShape input) {
        if (!input.isSequence()) {
            throw new IllegalArgumentException(component + " needs a sequence input [T x D], found a pooled vector "
                    + input + "; place it before any pooling encoder in the chain");
        }
    }

    /**
     * {@code values} [B, T, D] with every position where {@code keep} [B, T] is false set to exactly 0. A select,
     * not a product with the mask, so that padding holding NaN or infinity cannot leak through and no {@code -0.0}
     * appears.
     */
    public static NDArray keepOnly(NDArray values, NDArray keep) {
        return NDArrays.where(keep.expandDims(2).broadcast(values.getShape()), values, values.zerosLike());
    }
}
