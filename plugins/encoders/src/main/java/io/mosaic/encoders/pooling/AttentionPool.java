package io.mosaic.encoders.pooling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
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
 * CIDer's naive attention pooling: a learned score per step, a softmax over each sample's valid steps, and the
 * weighted sum of the steps.
 * <pre>
 * s_t = w₂ · tanh(W₁ h_t + b₁) + b₂
 * a_t = exp(s_t) / Σ_{u < n} exp(s_u)  for t < n, and 0 on padding
 * v   = Σ_t a_t h_t
 * </pre>
 * CIDer's code takes the softmax over every step, padding included; here padding is masked out. A sample of
 * length 0 has no valid step and pools to zeros.
 */
final class AttentionPool extends Encoder {
    /** The score of a padded step: exp(−1e9 − max) underflows to 0. */
    private static final float MASKED_SCORE = -1e9f;

    private final Linear hidden;
    private final Linear score;
    private final FeatureShape output;

    AttentionPool(FeatureShape input, BuildContext context) {
        this.output = FeatureShape.vector(input.dim());
        this.hidden = child("hidden", Linear.builder().setUnits(input.dim()).build(), context,
                new Shape(1, input.dim()));
        this.score = child("score", Linear.builder().setUnits(1).build(), context, new Shape(1, input.dim()));
    }

    @Override
    public FeatureShape output() {
        return output;
    }

    @Override
    public Features forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
        NDArray valid = input.mask();
        // Padding is zeroed first, so that whatever it holds (NaN included) reaches neither the result nor a gradient.
        NDArray steps = input.paddingZeroed(valid);
        NDArray activated = hidden.forward(parameters, new NDList(steps), training).singletonOrThrow().tanh();
        NDArray scores = score.forward(parameters, new NDList(activated), training).singletonOrThrow().squeeze(2);
        NDArray filled = NDArrays.where(valid, scores,
                scores.getManager().full(scores.getShape(), MASKED_SCORE, scores.getDataType()));
        NDArray weights = filled.softmax(1).mul(valid.toType(scores.getDataType(), false));
        taps.put(AttentionPoolFactory.WEIGHTS_TAP, weights);
        return Features.pooled(steps.mul(weights.expandDims(2)).sum(new int[] {1}));
    }
}
