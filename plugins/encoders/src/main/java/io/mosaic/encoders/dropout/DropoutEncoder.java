package io.mosaic.encoders.dropout;

import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;

/**
 * Inverted dropout, {@code torch.nn.Dropout(p)}: in a training pass each value is zeroed with probability p and
 * the others are scaled by 1/(1 − p), so that the expectation is unchanged; at evaluation, or with p = 0, the input
 * passes as it is. The masks come from the engine's random stream, so a seeded engine draws the same masks. Shape and
 * lengths are kept.
 */
final class DropoutEncoder extends Encoder {
    private final FeatureShape shape;
    private final float rate;

    DropoutEncoder(FeatureShape shape, double rate) {
        this.shape = shape;
        this.rate = (float) rate;
    }

    @Override
    public FeatureShape output() {
        return shape;
    }

    @Override
    public Features forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
        if (!training || rate == 0) {
            return input;
        }
        return input.withValues(Dropout.dropout(input.values(), rate, true).singletonOrThrow());
    }
}
