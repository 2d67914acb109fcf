package io.mosaic.encoders.keyframe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Module;
import io.mosaic.api.model.Scalars;
import io.mosaic.api.model.Temporaries;

/**
 * The global difference of S2LIF's keyframe-aware masking (appendix A.1, eq. 21), M_global = MultiHead(x, x, x):
 * multi-head self-attention over the frames (Vaswani et al., 2017), softmax(Q·Kᵀ/√(D/h))·V per head, the heads side
 * by side, then Linear(D, D). Q, K and V come from one packed Linear(D, 3D) with bias, as torch's
 * nn.MultiheadAttention packs them. Padding frames are masked as keys, so a valid frame attends to valid frames only.
 * (The fusion bundle's attention layers are not visible from this bundle, which depends on the api alone.)
 */
final class GlobalDifference extends Module {
    /** The logit of a padding key: exp(−1e9 − max) underflows to 0. */
    private static final double FORBIDDEN = -1e9;

    private final Linear projection;
    private final Linear output;
    private final int heads;

    /** @param dim D, a multiple of {@code heads} */
    GlobalDifference(int dim, int heads, BuildContext context) {
        this.projection = child("projection", Linear.builder().setUnits(3L * dim).build(), context,
                new Shape(1, dim));
        this.output = child("output", Linear.builder().setUnits(dim).build(), context, new Shape(1, dim));
        this.heads = heads;
    }

    /**
     * @param x     [B, T, D], padding already zeroed
     * @param valid [B, T] boolean, true at the valid frames
     * @return M_global [B, T, D]
     */
    NDArray forward(ParameterStore parameters, NDArray x, NDArray valid, boolean training) {
        NDList qkv = projection.forward(parameters, new NDList(x), training).singletonOrThrow().split(3, 2);
        NDArray q = splitHeads(qkv.get(0));
        NDArray k = splitHeads(qkv.get(1));
        NDArray v = splitHeads(qkv.get(2));
        NDArray keys = valid.toType(x.getDataType(), false).reshape(valid.getShape().get(0), 1, 1, -1);
        // 0 for a valid key, −1e9 for padding: (valid − 1)·1e9.
        NDArray bias = Scalars.times(keys.sub(Scalars.constant(keys, 1)), -FORBIDDEN);
        // Each [B, h, T, T] array is closed as soon as the next one exists, so that at most two are alive at once
        // (autograd keeps what backward needs), and the bias is added in place in an evaluation: at evaluation batch
        // 256 and 200 frames, each is 164 MB.
        NDArray product = Scalars.dividedBy(q, Math.sqrt(q.getShape().get(3))).matMul(k.transpose(0, 1, 3, 2));
        NDArray logits = Temporaries.plus(product, bias);
        NDArray weights = logits.softmax(-1);
        logits.close();
        NDArray context = mergeHeads(weights.matMul(v));
        weights.close();
        return output.forward(parameters, new NDList(context), training).singletonOrThrow();
    }

    /** [B, T, D] → [B, h, T, D/h]. */
    private NDArray splitHeads(NDArray x) {
        Shape shape = x.getShape();
        return x.reshape(shape.get(0), shape.get(1), heads, shape.get(2) / heads).transpose(0, 2, 1, 3);
    }

    /** [B, h, T, D/h] → [B, T, D]. */
    private static NDArray mergeHeads(NDArray x) {
        Shape shape = x.getShape();
        return x.transpose(0, 2, 1, 3).reshape(shape.get(0), shape.get(2), shape.get(1) * shape.get(3));
    }
}
