package io.mosaic.fusion.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Temporaries;

/**
 * Multi-head self-attention: softmax(Q·Kᵀ/√(D/h)) over the real keys, times V, heads side by side, then one output
 * Linear(D, D); the dropout falls on the attention weights. With the same weights this is torch's
 * nn.MultiheadAttention (packed in_proj [Q | K | V] with bias, out_proj with bias) given a key padding mask.
 */
public final class MultiHeadSelfAttention extends SelfAttention {
    private final QkvProjection inProjection;
    private final Linear output;
    private final float dropout;

    public MultiHeadSelfAttention(int dim, int heads, double dropout, BuildContext context) {
        this.inProjection = child("inProjection", new QkvProjection(dim, heads, context));
        this.output = child("output", Linears.xavier(dim), context, new Shape(1, dim));
        this.dropout = (float) dropout;
    }

    @Override
    public Attended forward(ParameterStore parameters, NDArray x, KeyPadding padding, boolean training) {
        QkvProjection.Projected projected = inProjection.project(parameters, x, padding, training);
        NDArray weights = Dropout.dropout(weights(projected, padding), dropout, training).singletonOrThrow();
        NDArray context = QkvProjection.mergeHeads(weights.matMul(projected.v()));
        NDArray out = output.forward(parameters, new NDList(context), training).singletonOrThrow();
        return new Attended(out, projected.logits());
    }

    /** The attention weights [B, h, N, N] of {@code x}, before dropout. */
    public NDArray weights(ParameterStore parameters, NDArray x, KeyPadding padding) {
        return weights(inProjection.project(parameters, x, padding, false), padding);
    }

    /**
     * Padding keys are at -1e9, so weigh 0; the product makes a row with no real key all zero. The softmax is consumed
     * by the product (written in place in an evaluation, else closed once the product exists: autograd keeps what
     * backward needs).
     */
    private static NDArray weights(QkvProjection.Projected projected, KeyPadding padding) {
        return Temporaries.times(projected.logits().softmax(-1), padding.valid());
    }
}
