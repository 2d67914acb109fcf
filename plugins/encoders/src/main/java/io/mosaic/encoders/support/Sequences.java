package io.mosaic.encoders.support;

import io.mosaic.api.model.FeatureShape;

/** The check shared by the encoders that read a padded sequence. */
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
}
