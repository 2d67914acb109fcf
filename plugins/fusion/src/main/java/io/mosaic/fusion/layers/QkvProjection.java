package io.mosaic.fusion.layers;

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
 * The packed in-projection of multi-head attention, one Linear(D, 3D) whose outputs are [Q | K | V], split into h
 * heads of width D/h, and the scaled logits Q·Kᵀ/√(D/h) with padding keys set to -1e9.
 */
public final class QkvProjection extends Module {
    private final Linear projection;
    private final int heads;

    /** @throws IllegalArgumentException when {@code dim} is not a multiple of {@code heads} */
    public QkvProjection(int dim, int heads, BuildContext context) {
        if (heads < 1 || dim % heads != 0) {
            throw new IllegalArgumentException("the width " + dim + " must be a multiple of the number of heads, "
                    + "found " + heads + " heads");
        }
        this.projection = child("projection", Linears.xavier(3 * dim), context, new Shape(1, dim));
        this.heads = heads;
    }

    /** @param x [B, N, D] */
    public Projected project(ParameterStore parameters, NDArray x, KeyPadding padding, boolean training) {
        NDList qkv = projection.forward(parameters, new NDList(x), training).singletonOrThrow().split(3, 2);
        NDArray q = splitHeads(qkv.get(0));
        NDArray k = splitHeads(qkv.get(1));
        NDArray v = splitHeads(qkv.get(2));
        return new Projected(q, k, v, logits(q, k, padding.bias()));
    }

    /**
     * Q·Kᵀ/√(D/h) + bias.
     *
     * @param q    [B, h, rows, D/h]
     * @param k    [B, h, keys, D/h]
     * @param bias [B, 1, 1, keys]: 0 for a real key, -1e9 for padding
     */
    public static NDArray logits(NDArray q, NDArray k, NDArray bias) {
        double width = q.getShape().get(3);
        // Scaling the queries rather than the [rows, keys] product, and adding the bias to the product (in place in an
        // evaluation), keeps one rows × keys array per call alive instead of three (autograd saves none of them).
        NDArray product = Scalars.dividedBy(q, Math.sqrt(width)).matMul(k.transpose(0, 1, 3, 2));
        return Temporaries.plus(product, bias);
    }

    private NDArray splitHeads(NDArray x) {
        return splitHeads(x, heads);
    }

    /** [B, N, D] → [B, h, N, D/h]. */
    public static NDArray splitHeads(NDArray x, int heads) {
        Shape shape = x.getShape();
        return x.reshape(shape.get(0), shape.get(1), heads, shape.get(2) / heads).transpose(0, 2, 1, 3);
    }

    /** [B, h, N, D/h] → [B, N, D], the heads side by side. */
    public static NDArray mergeHeads(NDArray x) {
        Shape shape = x.getShape();
        return x.transpose(0, 2, 1, 3).reshape(shape.get(0), shape.get(2), shape.get(1) * shape.get(3));
    }

    /**
     * @param q      [B, h, N, D/h], the queries split into heads
     * @param k      [B, h, N, D/h], the keys split into heads
     * @param v      [B, h, N, D/h], the values split into heads
     * @param logits [B, h, N, N]: Q·Kᵀ/√(D/h), -1e9 at padding keys
     */
    public record Projected(NDArray q, NDArray k, NDArray v, NDArray logits) {
    }
}
