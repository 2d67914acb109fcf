package io.mosaic.fusion.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.Module;

/** The attention sub-layer of a {@link PreNormLayer}: maps [B, N, D] to [B, N, D] and returns its logits. */
public abstract class SelfAttention extends Module {

    /** @param x [B, N, D], already normalised */
    public abstract Attended forward(ParameterStore parameters, NDArray x, KeyPadding padding, boolean training);

    /**
     * @param values [B, N, D]
     * @param logits [B, h, N, N]: the scaled logits, -1e9 at padding keys
     */
    public record Attended(NDArray values, NDArray logits) {
    }
}
