package io.mosaic.encoders.projection;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;

/**
 * The same linear map applied at every time step: y_t = W x_t (+ b). On a sequence this is a 1D convolution with
 * kernel size 1; on a pooled vector it is a plain linear layer. Lengths are kept.
 */
final class PointwiseProjection extends Encoder {
    private final Linear linear;
    private final FeatureShape output;

    PointwiseProjection(FeatureShape input, int dim, boolean bias, BuildContext context) {
        this.output = input.withDim(dim);
        this.linear = child("linear", Linear.builder().setUnits(dim).optBias(bias).build(), context,
                new Shape(1, input.dim()));
    }

    @Override
    public FeatureShape output() {
        return output;
    }

    @Override
    public Features forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
        // Linear maps the last axis and keeps the leading ones, so [B, T, D] and [B, D] both work.
        return input.withValues(linear.forward(parameters, new NDList(input.values()), training).singletonOrThrow());
    }
}
