package io.mosaic.runtime.data;

import io.mosaic.api.data.SpecialTokens;

/** The special token ids every Mosaic dataset uses ({@link SpecialTokens}), and which of them protocols keep. */
public final class Vocabulary {
    public static final int PAD = SpecialTokens.PAD;
    public static final int UNK = SpecialTokens.UNK;
    public static final int CLS = SpecialTokens.CLS;
    public static final int SEP = SpecialTokens.SEP;
    public static final int MASK = SpecialTokens.MASK;

    private Vocabulary() {
    }

    /** Whether {@code id} is one of the special tokens that missing-modality protocols leave alone. */
    public static boolean isSpecial(int id) {
        return id == PAD || id == CLS || id == SEP;
    }
}
