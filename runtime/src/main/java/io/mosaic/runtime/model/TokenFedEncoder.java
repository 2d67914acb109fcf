package io.mosaic.runtime.model;

import ai.djl.nn.ParameterList;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;

/**
 * The first encoder of the {@code text} chain when it reads token ids: called with the batch's text frames, as
 * every slot is, it hands the encoder the batch's token ids with the frames' lengths instead
 * ({@link io.mosaic.api.model.EncoderFactory#readsTokenIds}).
 */
final class TokenFedEncoder extends Encoder {
    private final GuardedEncoder encoder;
    private final PassBatch pass;

    TokenFedEncoder(GuardedEncoder encoder, PassBatch pass) {
        this.encoder = child("component", encoder);
        this.pass = pass;
    }

    @Override
    public FeatureShape output() {
        return encoder.output();
    }

    @Override
    public Features forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
        return encoder.forwardTokens(parameters, pass.tokens(input, encoder::failure), taps, training);
    }

    /** The component's parameters under their own names, which checkpoints use. */
    @Override
    public ParameterList getParameters() {
        return encoder.getParameters();
    }
}
