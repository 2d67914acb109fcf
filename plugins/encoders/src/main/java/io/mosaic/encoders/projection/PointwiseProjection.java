package io.mosaic.encoders.projection;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;
import java.util.function.UnaryOperator;

/**
 * The same map applied at every time step: y_t = LN(f(W x_t (+ b))), with f an optional activation and LN an optional
 * LayerNorm over the output features (γ = 1, β = 0 at the start, ε = 1e-5). On a sequence the linear part is a 1D
 * convolution with kernel size 1; on a pooled vector it is a plain linear layer. Lengths are kept.
 */
final class PointwiseProjection extends Encoder {
    private final Linear linear;
    private final UnaryOperator<NDArray> activation;
    private final LayerNorm norm;
    private final FeatureShape output;

    /**
     * @param activation applied after the linear map
     * @param layerNorm  whether a LayerNorm over the {@code dim} features follows the activation
     */
    PointwiseProjection(FeatureShape input, int dim, boolean bias, UnaryOperator<NDArray> activation,
                        boolean layerNorm, BuildContext context) {
        this.output = input.withDim(dim);
        this.linear = child("linear", Linear.builder().setUnits(dim).optBias(bias).build(), context,
                new Shape(1, input.dim()));
        this.activation = activation;
        this.norm = layerNorm ? child("norm", LayerNorm.builder().axis(1).build(), context, new Shape(1, dim))
                : null;
    }

    @Override
    public FeatureShape output() {
        return output;
    }

    @Override
    public Features forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
        // Linear and LayerNorm (over the trailing dim features) map the last axis and keep the leading ones, so [B, T, D] and [B, D] both work.
        NDArray projected = linear.forward(parameters, new NDList(input.values()), training).singletonOrThrow();
        NDArray y = replacing(projected, activation.apply(projected));
        if (norm != null) {
            y = replacing(y, norm.forward(parameters, new NDList(y), training).singletonOrThrow());
        }
        return input.withValues(y);
    }

    /**
     * {@code next}, closing {@code previous} when it is another array: a [B, T, D] step's output is released once the
     * next step's exists (autograd keeps what backward needs), not when the component returns.
     */
    private static NDArray replacing(NDArray previous, NDArray next) {
        if (next != previous) {
            previous.close();
        }
        return next;
    }
}
