package io.mosaic.encoders.support;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;

/**
 * What the encoders that read a padded sequence share: the check of their input, padding with zero steps, and running
 * a recurrence only up to a batch's longest sequence (the steps after it are padding for every sample).
 */
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

    /** The steps a recurrence over {@code input} must run: its longest sample's length, at least 1, at most T. */
    public static long longestLength(Features input) {
        long longest = input.lengths().max().getLong();
        return Math.max(1, Math.min(input.values().getShape().get(1), longest));
    }

    /** The first {@code steps} steps of {@code sequence} [B, T, D] (itself when it has no more). */
    public static NDArray firstSteps(NDArray sequence, long steps) {
        return sequence.getShape().get(1) > steps ? sequence.get(new NDIndex(":, 0:{}, :", steps)) : sequence;
    }

    /**
     * {@code states} [B, S, H] of {@code input}'s first S steps, S at least its longest length, as {@code input}'s
     * features: every padded step exactly 0, and zero steps appended up to {@code input}'s T.
     */
    public static Features statesOf(Features input, NDArray states) {
        Features zeroed = input.withValuesPaddingZeroed(states);
        long length = input.values().getShape().get(1);
        return states.getShape().get(1) == length ? zeroed
                : new Features(paddedTo(zeroed.values(), length), input.lengths(), true);
    }
}
