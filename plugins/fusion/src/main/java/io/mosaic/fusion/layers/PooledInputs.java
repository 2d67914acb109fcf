package io.mosaic.fusion.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.mosaic.api.model.Concatenation;
import io.mosaic.api.model.Features;
import java.util.List;
import java.util.Map;

/** Pooled inputs [B, D_i] joined side by side, as late fusions read them. */
public final class PooledInputs {

    private PooledInputs() {
    }

    /**
     * The inputs named {@code order}, concatenated along the feature axis in that order: [B, Σ D_i].
     *
     * @param component the fusion's name, for the message when an input is missing
     */
    public static NDArray concatenate(String component, List<String> order, Map<String, Features> inputs) {
        NDList parts = new NDList(order.size());
        for (String name : order) {
            Features features = inputs.get(name);
            if (features == null) {
                throw new IllegalArgumentException(component + " was built for inputs " + order + ", found no '"
                        + name + "' among " + inputs.keySet());
            }
            parts.add(features.values());
        }
        return Concatenation.of(parts, 1);
    }
}
