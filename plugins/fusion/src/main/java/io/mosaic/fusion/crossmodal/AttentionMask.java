package io.mosaic.fusion.crossmodal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mosaic.fusion.layers.KeyPadding;

/**
 * Which keys a query of a crossmodal or memory attention may attend: the real ones ({@link KeyPadding}), or, with
 * {@code reference-quirks}, all of them as the official code does; and optionally not those after the query's
 * future bound, the official code's {@code buffered_future_mask}: query t of T_q may attend key j of T_k only when
 * j ≤ t + |T_k − T_q| (a causal mask when T_k = T_q).
 */
final class AttentionMask {

    private AttentionMask() {
    }

    /**
     * @param valid  [B, T_k] boolean, true for the keys that may be attended
     * @param future whether to add the future bound for {@code queries} queries
     * @return the padding with its bias [B, 1, 1, T_k], or [B, 1, T_q, T_k] with the future bound
     */
    static KeyPadding of(NDArray valid, int queries, boolean future, DataType type) {
        KeyPadding padding = KeyPadding.of(valid, type);
        if (!future) {
            return padding;
        }
        int keys = Math.toIntExact(valid.getShape().get(1));
        return new KeyPadding(padding.valid(), padding.bias().add(futureBias(valid.getManager(), queries, keys, type)));
    }

    /** [1, 1, T_q, T_k]: 0 where j ≤ t + |T_k − T_q|, −1e9 beyond. */
    static NDArray futureBias(NDManager manager, int queries, int keys, DataType type) {
        float[] bias = new float[queries * keys];
        int reach = Math.abs(keys - queries);
        for (int t = 0; t < queries; t++) {
            for (int j = t + reach + 1; j < keys; j++) {
                bias[t * keys + j] = (float) KeyPadding.FORBIDDEN;
            }
        }
        return manager.create(bias, new Shape(1, 1, queries, keys)).toType(type, false);
    }
}
