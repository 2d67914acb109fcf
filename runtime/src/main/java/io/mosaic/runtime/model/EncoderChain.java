package io.mosaic.runtime.model;

import ai.djl.training.ParameterStore;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;
import java.util.List;

/** Encoders applied one after another: what a chain slot ({@code text: [projection, gru, pool]}) builds. */
final class EncoderChain extends Encoder {
    private final List<Encoder> encoders;

    EncoderChain(List<Encoder> encoders) {
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
