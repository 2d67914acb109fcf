package io.mosaic.encoders.pooling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Scalars;
import io.mosaic.api.model.Taps;

/**
 * The value at each sample's last valid step, x_{b, n_b − 1}: after a GRU, its final hidden state for that sample.
 * The step is picked with a one-hot mask over time (t == n_b − 1) and a sum; a sample of length 0 has no such step,
 * so it pools to zeros.
 */
final class LastStepPool extends Encoder {
    private final FeatureShape output;

    LastStepPool(FeatureShape input) {
        this.output = FeatureShape.vector(input.dim());
    }

    @Override
    public FeatureShape output() {
        return output;
    }

    @Override
    public Features forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
        NDArray values = input.values();
        NDArray steps = values.getManager().arange(values.getShape().get(1)).toType(DataType.INT64, false);
        NDArray last = input.lengths().toType(DataType.INT64, false).sub(1).expandDims(1);
        NDArray isLast = steps.expandDims(0).eq(last);
        return Features.pooled(Scalars.keepSteps(values, isLast).sum(new int[] {1}));
    }
}
