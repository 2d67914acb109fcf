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
        return attend(variant, projected, padding, training).context();
    }

    /** The variant over S's positions only: weights [B, h, N_S, N_S], output [B, N_S, D]. */
    Weighted attend(Variant variant, QkvProjection.Projected projected, KeyPadding padding, boolean training) {
        NDArray logits = variant.isFull() ? projected.logits() : QkvProjection.logits(
                variant.gather(projected.q(), 2), variant.gather(projected.k(), 2),
                variant.gather(padding.bias(), 3));
        // As in the dense way, a row without a real key (a block of length 0) gets all-zero weights.
        NDArray weights = logits.softmax(-1).mul(variant.gather(padding.valid(), 3));
        if (variant.isFull()) {
            weights = Dropout.dropout(weights, dropout, training).singletonOrThrow();
        }
        NDArray context = QkvProjection.mergeHeads(weights.matMul(variant.gather(projected.v(), 2)));
        return new Weighted(weights, context);
    }
}
