package io.mosaic.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.ParameterList;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.Taps;
import io.mosaic.api.model.Temporaries;
import java.util.List;
import java.util.Map;

/** A component's fusion as the model runs it: the same computation, with its failures attributed to it. */
final class GuardedFusion extends Fusion {
    private final Fusion fusion;
    private final FeatureShape output;
    private final String declared;
    private final ForwardGuard guard;

    GuardedFusion(Fusion fusion, ForwardGuard guard) {
        this.fusion = child("component", fusion);
        this.output = fusion.output();
        this.declared = "its declared output " + output;
        this.guard = guard;
    }

    @Override
    public FeatureShape output() {
        return output;
    }

    @Override
    public Features forward(ParameterStore parameters, Map<String, Features> inputs, Taps taps, boolean training) {
        int mark = guard.mark(taps);
        Features result = guard.call(() -> fusion.forward(parameters, inputs, taps, training), Temporaries::of);
        List<NDArray> values = inputs.values().stream().map(Features::values).toList();
        guard.expectShape("returned", result.values(), ForwardGuard.batched(output, values.get(0).getShape().get(0)),
                declared);
        guard.expectFinite(values, List.of(result.values()), taps, mark);
        return result;
    }

    /** The component's parameters under the names they have without the guard, which checkpoints use. */
    @Override
    public ParameterList getParameters() {
        return fusion.getParameters();
    }
}
