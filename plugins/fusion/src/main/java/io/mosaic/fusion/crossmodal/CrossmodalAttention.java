package io.mosaic.fusion.crossmodal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.XavierInitializer;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Module;
import io.mosaic.api.model.Temporaries;
import io.mosaic.fusion.layers.KeyPadding;
import io.mosaic.fusion.layers.Linears;
import io.mosaic.fusion.layers.QkvProjection;

/**
 * MulT's crossmodal attention CM_{β→α} (the paper's eq. 2; the official {@code MultiheadAttention} called with the
 * target as query and the source as key and value), per head of width D/h:
 * <pre>
 * Q = X_α W_qᵀ + b_q,  K = K_β W_kᵀ + b_k,  V = V_β W_vᵀ + b_v     one packed in-projection [W_q; W_k; W_v] [3D, D]
 * A = dropout(softmax(Q Kᵀ / √(D/h) + mask))                       over the keys the mask allows
 * y = [A_1 V_1, …, A_h V_h] W_oᵀ + b_o
 * </pre>
 * The packed weight is Xavier-uniform over [3D, D] and its bias 0, as the official code initialises them.
 */
final class CrossmodalAttention extends Module {
    private final Parameter inWeight;
    private final Parameter inBias;
    private final Linear output;
    private final int dim;
    private final int heads;
    private final float dropout;

    CrossmodalAttention(int dim, int heads, double dropout, BuildContext context) {
        if (dim % heads != 0) {
            throw new IllegalArgumentException("the width " + dim + " must be a multiple of the number of heads, "
                    + "found " + heads + " heads");
        }
        this.inWeight = parameter("inWeight", new Shape(3L * dim, dim), new XavierInitializer(
                XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3), context);
        this.inBias = parameter("inBias", new Shape(3L * dim), new ConstantInitializer(0), context);
        this.output = child("output", Linears.xavier(dim), context, new Shape(1, dim));
        this.dim = dim;
        this.heads = heads;
        this.dropout = (float) dropout;
    }

    /**
     * @param query  the normalised target [B, T_q, D]
     * @param key    the normalised source that gives the keys [B, T_k, D]
     * @param value  the normalised source that gives the values [B, T_k, D]
     * @param mask   which keys each query may attend ({@link AttentionMask})
     * @return [B, T_q, D]
     */
    NDArray forward(ParameterStore parameters, NDArray query, NDArray key, NDArray value, KeyPadding mask,
                    boolean training) {
        NDArray weight = parameters.getValue(inWeight, query.getDevice(), training);
        NDArray bias = parameters.getValue(inBias, query.getDevice(), training);
        NDArray q = QkvProjection.splitHeads(project(query, weight, bias, 0), heads);
        NDArray k = QkvProjection.splitHeads(project(key, weight, bias, 1), heads);
        NDArray v = QkvProjection.splitHeads(project(value, weight, bias, 2), heads);
        // −1e9 makes a forbidden key's weight exactly 0; the product zeroes a row that has no allowed key at all.
        // The [B, h, T_q, T_k] logits and softmax are released at once (autograd keeps what it needs), so that long
        // sequences hold fewer of them until the step ends.
        NDArray logits = QkvProjection.logits(q, k, mask.bias());
        NDArray softmax = logits.softmax(-1);
        logits.close();
        NDArray weights = Dropout.dropout(Temporaries.times(softmax, mask.valid()), dropout, training)
                .singletonOrThrow();
        NDArray context = QkvProjection.mergeHeads(weights.matMul(v));
        return output.forward(parameters, new NDList(context), training).singletonOrThrow();
    }

    /** x W_partᵀ + b_part, with part 0, 1, 2 the rows of Q, K, V in the packed projection. */
    private NDArray project(NDArray x, NDArray weight, NDArray bias, int part) {
        NDIndex rows = new NDIndex("{}:{}", part * dim, (part + 1) * dim);
        return Linear.linear(x, weight.get(rows), bias.get(rows)).singletonOrThrow();
    }
}
