package io.mosaic.encoders.mask;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;

/**
 * S2LIF's token-level similarity pooling (eq. 14–15) over the masked tokens x_c,j [B, T, d], with the filtering
 * vector m [d] that the {@code feature-mask} before it in the chain recorded:
 * <pre>
 * s_j  = m · x_c,j                                  the dot product (papers.md)
 * a_j  = exp(s_j) / Σ_{u &lt; n} exp(s_u) for j &lt; n, and 0 on padding
 * x_c' = Σ_j a_j x_c,j
 * </pre>
 * The seed writes a_j = sim(m, x_c,j) without saying how the weights are normalised; IMO, whose mask S2LIF uses, writes
 * no normalisation at all although it calls a_j attention. The softmax over each sample's valid tokens is the safe
 * reading of both ({@code reference/s2lif.md} §2, §5.3). A sample of length 0 pools to zeros.
 */
final class TokenSimilarityPool extends Encoder {
    /** The score of a padded token: exp(−1e9 − max) underflows to 0. */
    private static final float MASKED_SCORE = -1e9f;

    private final FeatureShape output;

    TokenSimilarityPool(FeatureShape input) {
        this.output = FeatureShape.vector(input.dim());
    }

    @Override
    public FeatureShape output() {
        return output;
    }

    @Override
    public Features forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
        NDArray mask = filteringVector(taps);
        NDArray valid = input.mask();
        // Padding is zeroed first, so that whatever it holds (NaN included) reaches neither the result nor a gradient.
        NDArray tokens = input.paddingZeroed(valid);
        NDArray scores = tokens.mul(mask).sum(new int[] {2});
        NDArray filled = NDArrays.where(valid, scores,
                scores.getManager().full(scores.getShape(), MASKED_SCORE, scores.getDataType()));
        NDArray weights = filled.softmax(1).mul(valid.toType(scores.getDataType(), false));
        taps.put(TokenSimilarityPoolFactory.WEIGHTS_TAP, weights);
        return Features.pooled(tokens.mul(weights.expandDims(2)).sum(new int[] {1}));
    }

    /** m [d], recorded by the feature-mask earlier in this chain. */
    private NDArray filteringVector(Taps taps) {
        NDArray mask;
        try {
            mask = taps.local(FeatureMaskFactory.MASK_TAP);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(TokenSimilarityPoolFactory.NAME + " weighs tokens by the filtering "
                    + "vector m of a feature-mask, but no feature-mask precedes it in the same chain; put { use: "
                    + "feature-mask } before it in this slot's encoder list (" + e.getMessage() + ")", e);
        }
        if (!mask.getShape().equals(new Shape(output.dim()))) {
            throw new IllegalArgumentException(TokenSimilarityPoolFactory.NAME + " pools tokens of width "
                    + output.dim() + ", but the feature-mask's m is " + mask.getShape() + "; the feature-mask must "
                    + "take the features this pooling reads, with no encoder that changes their width between them");
        }
        return mask;
    }
}
