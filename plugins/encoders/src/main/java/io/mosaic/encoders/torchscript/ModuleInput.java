package io.mosaic.encoders.torchscript;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;

/** What a module's {@code forward} takes first, before the attention mask [B, T] (int64). */
enum ModuleInput {
    /** Token ids [B, T] (int64), as a BERT-like text encoder takes them. */
    TOKEN_IDS,
    /** Frames [B, T, D] (float32), as an audio or vision encoder takes them. */
    FRAMES;

    /** The name an assembly writes: {@code token-ids}, {@code frames}. */
    String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static ModuleInput of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /**
     * A batch of one for the build-time probe: the largest id of the vocabulary {@code width} then id 0 ([PAD])
     * for token ids, so that an embedding too small for the data fails then; zeros for frames.
     */
    NDArray dummy(NDManager manager, int steps, int width) {
        if (this == FRAMES) {
            return manager.zeros(new Shape(1, steps, width), DataType.FLOAT32);
        }
        long[] ids = new long[steps];
        ids[0] = width - 1L;
        return manager.create(ids, new Shape(1, steps));
    }

    /** How the shapes of one sample are written in messages. */
    String describe(int steps, int width) {
        return this == FRAMES ? "frames [B, " + steps + ", " + width + "]"
                : "token ids [B, " + steps + "] in [0, " + width + ")";
    }
}
