package io.mosaic.runtime.data;

import io.mosaic.api.data.SpecialTokens;

/** Which of the special token ids ({@link SpecialTokens}) missing-modality protocols and exports keep. */
public final class Vocabulary {
    private Vocabulary() {
    }

    /** Whether {@code id} is one of the special tokens that missing-modality protocols leave alone. */
    public static boolean isSpecial(int id) {
        return id == SpecialTokens.PAD || id == SpecialTokens.CLS || id == SpecialTokens.SEP;
    }
}
