package io.mosaic.fusion.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Module;

/** LayerNorm over the last axis: γ ⊙ (x − mean) / √(var + 1e-5) + β, with γ = 1 and β = 0 at the start. */
public final class LayerNormalization extends Module {
    private static final float EPSILON = 1e-5f;

    private final Parameter gamma;
    private final Parameter beta;
    private final Shape normalized;

    public LayerNormalization(int dim, BuildContext context) {
        this.normalized = new Shape(dim);
        this.gamma = parameter("gamma", normalized, new ConstantInitializer(1), context);
        this.beta = parameter("beta", normalized, new ConstantInitializer(0), context);
    }

    public NDArray forward(ParameterStore parameters, NDArray x, boolean training) {
        return ai.djl.nn.norm.LayerNorm.layerNorm(x, normalized,
                parameters.getValue(gamma, x.getDevice(), training),
                parameters.getValue(beta, x.getDevice(), training), EPSILON).singletonOrThrow();
    }
}
