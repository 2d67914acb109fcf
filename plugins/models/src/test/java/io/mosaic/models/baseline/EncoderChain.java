package io.mosaic.models.baseline;

import ai.djl.training.ParameterStore;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;
import java.util.ArrayList;
import java.util.List;

/** Encoders applied in order, as the runtime builds an encoder slot's chain. */
final class EncoderChain extends Encoder {
    private final List<Encoder> links = new ArrayList<>();
    private final FeatureShape output;

    EncoderChain(List<Encoder> links, FeatureShape output) {
        for (int i = 0; i < links.size(); i++) {
            this.links.add(child("link" + i, links.get(i)));
        }
        this.output = output;
    }

    @Override
    public FeatureShape output() {
        return output;
    }

    @Override
    public Features forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
        Features features = input;
        for (Encoder link : links) {
            features = link.forward(parameters, features, taps, training);
        }
        return features;
    }
}
