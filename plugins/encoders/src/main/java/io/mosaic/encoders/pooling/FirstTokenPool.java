package io.mosaic.encoders.pooling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Scalars;
import io.mosaic.api.model.Taps;

/**
 * The value at each sample's first step, x_{b, 0}: on text that starts with [CLS], the [CLS] position of the layer
 * before it (Self-MM's text feature, MMSA's {@code BertTextEncoder} output at index 0). A sample of length 0 has no
 * first step, so it pools to zeros, whatever its padding holds.
 */
final class FirstTokenPool extends Encoder {
    private final FeatureShape output;

    FirstTokenPool(FeatureShape input) {
        this.output = FeatureShape.vector(input.dim());
    }

    @Override
    public FeatureShape output() {
        return output;
    }

    @Override
    public Features forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
        NDArray first = input.values().get(new NDIndex(":, 0, :"));
        NDArray present = input.mask().get(new NDIndex(":, 0")).expandDims(1);
        return Features.pooled(Scalars.keepOnly(first, present));
    }
}
