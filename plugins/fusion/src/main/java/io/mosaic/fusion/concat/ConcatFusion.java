package io.mosaic.fusion.concat;

import ai.djl.training.ParameterStore;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.Taps;
import io.mosaic.fusion.layers.PooledInputs;
import java.util.List;
import java.util.Map;

/** Joins pooled vectors [B, D_i] side by side into [B, Σ D_i], in the order the fusion was built with. */
final class ConcatFusion extends Fusion {
    private final List<String> order;
    private final FeatureShape output;

    ConcatFusion(List<String> order, int width) {
        this.order = List.copyOf(order);
        this.output = FeatureShape.vector(width);
    }

    @Override
    public FeatureShape output() {
        return output;
    }

    @Override
    public Features forward(ParameterStore parameters, Map<String, Features> inputs, Taps taps, boolean training) {
        return Features.pooled(PooledInputs.concatenate("concat", order, inputs));
    }
}
