package io.mosaic.fusion.concat;

import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.Taps;
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
        NDList parts = new NDList(order.size());
        for (String name : order) {
            Features features = inputs.get(name);
            if (features == null) {
                throw new IllegalArgumentException("concat was built for inputs " + order + ", found no '" + name
                        + "' among " + inputs.keySet());
            }
            parts.add(features.values());
        }
        return Features.pooled(NDArrays.concat(parts, 1));
    }
}
