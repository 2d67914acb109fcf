package io.mosaic.api.model;

import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * Encoders applied one after another: what a chain slot ({@code text: [projection, gru, pool]}) builds. Each
 * encoder's output shape must be the next one's input shape, as their factories were given.
 */
public final class EncoderChain extends Encoder {
    private final List<Encoder> encoders;

    /** @param encoders at least one, in the order they apply */
    public EncoderChain(List<Encoder> encoders) {
        if (encoders.isEmpty()) {
            throw new IllegalArgumentException("a chain needs at least one encoder");
        }
        this.encoders = List.copyOf(encoders);
        for (int i = 0; i < this.encoders.size(); i++) {
            child(Integer.toString(i), this.encoders.get(i));
        }
    }

    @Override
    public FeatureShape output() {
        return encoders.get(encoders.size() - 1).output();
    }

    @Override
    public Features forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
        Features features = input;
        for (Encoder encoder : encoders) {
            features = encoder.forward(parameters, features, taps, training);
        }
        return features;
    }
}
