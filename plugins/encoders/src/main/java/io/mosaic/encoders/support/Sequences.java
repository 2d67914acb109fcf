package io.mosaic.encoders.support;

import ai.djl.ndarray.NDArray;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Scalars;

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
     * {@code values} [B, T, D] with every position where {@code keep} [B, T] is false set to exactly 0
     * ({@link Scalars#keepOnly}: a select, so NaN or infinity in padding cannot leak through).
     */
    public static NDArray keepOnly(NDArray values, NDArray keep) {
        return Scalars.keepOnly(values, keep.expandDims(2));
    }
}
