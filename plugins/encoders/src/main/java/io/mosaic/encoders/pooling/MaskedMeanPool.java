package io.mosaic.encoders.pooling;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;

/**
 * The mean over each sample's valid steps: v_b = (1 / n_b) Σ_{t < n_b} x_{b,t}, with n_b the number of valid steps.
 * A sample without valid steps pools to zeros: its sum is 0 and it is divided by max(n_b, 1).
 */
final class MaskedMeanPool extends Encoder {
    private final FeatureShape output;

    MaskedMeanPool(FeatureShape input) {
        this.output = FeatureShape.vector(input.dim());
    }

    @Override
    public FeatureShape output() {
        return output;
    }

    @Override
    public Features forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
        NDArray valid = input.mask();
        NDArray sum = input.paddingZeroed(valid).sum(new int[] {1});
        NDArray count = valid.toType(sum.getDataType(), false).sum(new int[] {1}, true).maximum(1);
        return Features.pooled(sum.div(count));
    }
}
