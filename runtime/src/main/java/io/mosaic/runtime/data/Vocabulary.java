package io.mosaic.runtime.data;

/** The special token ids every Mosaic dataset uses (BERT's convention for the first ids). */
public final class Vocabulary {
    public static final int PAD = 0;
    public static final int UNK = 100;
    public static final int CLS = 101;
    public static final int SEP = 102;
    public static final int MASK = 103;

    private Vocabulary() {
    }

    /** Whether {@code id} is one of the special tokens that missing-modality protocols leave alone. */
    public static boolean isSpecial(int id) {
        return id == PAD || id == CLS || id == SEP;
    }
}
