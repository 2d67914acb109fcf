package io.mosaic.fusion.semantic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Module;
import io.mosaic.fusion.layers.KeyPadding;
import io.mosaic.fusion.layers.QkvProjection;

/**
 * SATI's cross-attention of the text over one other modality (eq. 8), per head of width d = H / h:
 * <pre>
 * Q = T W_qᵀ,  K = S W_kᵀ,  V = S W_vᵀ               three Linear(H, H) without bias
 * A = softmax(Q Kᵀ / √d) over the real steps of S     padding keys get weight 0
 * y = Dropout([A_1 V_1, …, A_h V_h] W_oᵀ + b_o)       [B, T, H]
 * </pre>
 */
final class CrossAttention extends Module {
    private final Linear query;
    private final Linear key;
    private final Linear value;
    private final Linear output;
    private final int heads;
    private final float dropout;

    CrossAttention(int dim, int heads, double dropout, BuildContext context) {
        this.query = child("query", Linear.builder().setUnits(dim).optBias(false).build(), context, new Shape(1, dim));
        this.key = child("key", Linear.builder().setUnits(dim).optBias(false).build(), context, new Shape(1, dim));
        this.value = child("value", Linear.builder().setUnits(dim).optBias(false).build(), context, new Shape(1, dim));
        this.output = child("output", Linear.builder().setUnits(dim).build(), context, new Shape(1, dim));
        this.heads = heads;
        this.dropout = (float) dropout;
    }

    /**
     * @param text    the queries [B, T, H]
     * @param other   the keys and values [B, T', H]
     * @param padding which of {@code other}'s steps are real
     */
    NDArray forward(ParameterStore parameters, NDArray text, NDArray other, KeyPadding padding, boolean training) {
        NDArray q = QkvProjection.splitHeads(apply(query, parameters, text, training), heads);
        NDArray k = QkvProjection.splitHeads(apply(key, parameters, other, training), heads);
        NDArray v = QkvProjection.splitHeads(apply(value, parameters, other, training), heads);
        // Padding keys are at -1e9, so weigh exactly 0; the product makes a sample with no real key attend to none.
        NDArray weights = QkvProjection.logits(q, k, padding.bias()).softmax(-1).mul(padding.valid());
        NDArray context = QkvProjection.mergeHeads(weights.matMul(v));
        return Dropout.dropout(apply(output, parameters, context, training), dropout, training).singletonOrThrow();
    }

    private static NDArray apply(Linear linear, ParameterStore parameters, NDArray x, boolean training) {
        return linear.forward(parameters, new NDList(x), training).singletonOrThrow();
    }
}
