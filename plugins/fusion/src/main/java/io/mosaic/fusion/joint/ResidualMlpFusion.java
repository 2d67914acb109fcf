package io.mosaic.fusion.joint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.Taps;
import io.mosaic.fusion.layers.PooledInputs;
import java.util.List;
import java.util.Map;

/**
 * CIDer's joint representation: the pooled inputs side by side, refined by a residual two-layer perceptron.
 * <pre>
 * r₀ = [g_1; …; g_n]                                     [B, Σ D_i], in the order the fusion was built with
 * r  = W₂ dropout(relu(W₁ r₀ + b₁)) + b₂ + r₀            W₁, W₂ [Σ D_i, Σ D_i]
 * </pre>
 * Dropout is active only in training passes.
 */
final class ResidualMlpFusion extends Fusion {
    private final List<String> order;
    private final FeatureShape output;
    private final float dropout;
    private final Linear first;
    private final Linear second;

    ResidualMlpFusion(List<String> order, int width, double dropout, BuildContext context) {
        this.order = List.copyOf(order);
        this.output = FeatureShape.vector(width);
        this.dropout = (float) dropout;
        this.first = child("proj1", Linear.builder().setUnits(width).build(), context, new Shape(1, width));
        this.second = child("proj2", Linear.builder().setUnits(width).build(), context, new Shape(1, width));
    }

    @Override
    public FeatureShape output() {
        return output;
    }

    @Override
    public Features forward(ParameterStore parameters, Map<String, Features> inputs, Taps taps, boolean training) {
        NDArray joint = PooledInputs.concatenate("residual-mlp", order, inputs);
        NDArray hidden = Activation.relu(first.forward(parameters, new NDList(joint), training).singletonOrThrow());
        NDArray dropped = Dropout.dropout(hidden, dropout, training).singletonOrThrow();
        NDArray refined = second.forward(parameters, new NDList(dropped), training).singletonOrThrow();
        return Features.pooled(refined.add(joint));
    }
}
