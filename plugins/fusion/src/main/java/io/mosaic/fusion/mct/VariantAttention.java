package io.mosaic.fusion.mct;

import ai.djl.ndarray.NDArray;
import io.mosaic.fusion.layers.KeyPadding;
import io.mosaic.fusion.layers.QkvProjection;

/** How MCA computes one variant's attention from the shared projections and logits. */
interface VariantAttention {

    /**
     * @return [B, N_S, D]: the attention output (heads side by side, before the variant's output map) at the positions
     *         of S's blocks, in block order
     */
    NDArray context(Variant variant, QkvProjection.Projected projected, KeyPadding padding, boolean training);

    /**
     * @param weights the attention weights [B, h, rows, keys]
     * @param context the attention output [B, rows, D]
     */
    record Weighted(NDArray weights, NDArray context) {
    }
}
