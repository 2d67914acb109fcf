package io.mosaic.api.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Objects;

/**
 * A batch of text as token ids, what an encoder that reads token ids receives ({@link EncoderFactory#readsTokenIds}).
 *
 * @param ids     token ids [B, T] (int64), aligned with the text's frames; padding is {@code SpecialTokens.PAD}
 * @param lengths the true lengths [B] (int64): positions at or after a sample's length are padding
 */
public record Tokens(NDArray ids, NDArray lengths) {

    public Tokens {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(lengths, "lengths");
        if (ids.getShape().dimension() != 2) {
            throw new IllegalArgumentException("token ids are [B, T], got " + ids.getShape());
        }
    }

    /** [B, T] int64: 1 at the positions before each sample's length, 0 after (BERT's attention mask). */
    public NDArray attentionMask() {
        long steps = ids.getShape().get(1);
        NDArray positions = ids.getManager().arange(steps).toType(DataType.INT64, false).expandDims(0);
        return positions.lt(lengths.toType(DataType.INT64, false).expandDims(1)).toType(DataType.INT64, false);
    }
}
