package io.mosaic.fusion.mct;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.norm.Dropout;
import io.mosaic.fusion.layers.KeyPadding;
import io.mosaic.fusion.layers.QkvProjection;

/**
 * Computes only what a variant allows: the N_S × N_S logits of S's query and key positions, a softmax over them
 * (padding keys are at -1e9 and weighted 0), and the product with S's values. For three blocks of T steps this is
 * 24·T² logits instead of the dense way's 7·9·T². The full set uses the shared logits; a smaller variant computes
 * the same entries from S's queries and keys, because slicing them out of the shared matrix would make the backward
 * pass write a gradient of the whole matrix per variant. Attention dropout applies to the full-set variant only.
 */
final class BlockedVariantAttention implements VariantAttention {
    private final float dropout;

    BlockedVariantAttention(double dropout) {
        this.dropout = (float) dropout;
    }

    @Override
    public NDArray context(Variant variant, QkvProjection.Projected projected, KeyPadding padding,
                           boolean training) {
        Computed computed = compute(variant, projected, padding, training);
        // Autograd keeps what the backward pass needs; the handle would keep the weights alive to the step's end.
        computed.weights().close();
        return computed.context();
    }

    /** The variant over S's positions only: weights [B, h, N_S, N_S], output [B, N_S, D]. */
    Weighted attend(Variant variant, QkvProjection.Projected projected, KeyPadding padding, boolean training) {
        Computed computed = compute(variant, projected, padding, training);
        return new Weighted(computed.weights().mul(computed.anyKey()), computed.context());
    }

    /**
     * Padding keys get exactly 0 from the softmax (their logits are -1e9) as long as a sample has one real key in
     * the variant; a sample without any (a block of length 0) gets a zero output, as in the dense way, through one
     * factor per sample rather than a second masked copy of the weights.
     *
     * @param weights the softmax (after dropout), exact where {@code anyKey} is 1
     * @param anyKey  [B, 1, 1, 1]: 1 when the sample has a real key in the variant
     */
    private record Computed(NDArray weights, NDArray anyKey, NDArray context) {
    }

    private Computed compute(Variant variant, QkvProjection.Projected projected, KeyPadding padding,
                             boolean training) {
        NDArray logits = variant.isFull() ? projected.logits() : QkvProjection.logits(
                variant.gather(projected.q(), 2), variant.gather(projected.k(), 2),
                variant.gather(padding.bias(), 3));
        NDArray weights = logits.softmax(-1);
        if (!variant.isFull()) {
            logits.close();
        }
        if (variant.isFull() && training && dropout > 0) {
            NDArray undropped = weights;
            weights = Dropout.dropout(undropped, dropout, training).singletonOrThrow();
            undropped.close();
        }
        NDArray anyKey = variant.gather(padding.valid(), 3).max(new int[] {3}, true);
        NDArray context = QkvProjection.mergeHeads(weights.matMul(variant.gather(projected.v(), 2)).mul(anyKey));
        return new Computed(weights, anyKey, context);
    }
}
