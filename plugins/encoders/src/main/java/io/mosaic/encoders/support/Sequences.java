package io.mosaic.encoders.support;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.mosaic.api.model.FeatureShape;

/** What the encoders that read a padded sequence share: the check of their input, and padding with zero steps. */
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

    /** {@code sequence} [B, T, D] with zero steps appended up to {@code steps} (itself when it has them). */
    public static NDArray paddedTo(NDArray sequence, long steps) {
        Shape shape = sequence.getShape();
        if (shape.get(1) == steps) {
            return sequence;
        }
        return sequence.concat(sequence.getManager().zeros(new Shape(shape.get(0), steps - shape.get(1),
                shape.get(2)), sequence.getDataType(), sequence.getDevice()), 1);
    }
}
