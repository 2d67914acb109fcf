package io.mosaic.api.data;

/**
 * The special token ids every Mosaic dataset uses in {@link Batch#tokenIds()}: BERT's uncased vocabulary's, as MMSA's
 * {@code text_bert} arrays carry them.
 */
public final class SpecialTokens {
    public static final int PAD = 0;
    /** What a missing-modality protocol puts in place of a removed token. */
    public static final int UNK = 100;
    public static final int CLS = 101;
    public static final int SEP = 102;
    public static final int MASK = 103;

    private SpecialTokens() {
    }

    /** Whether {@code id} is one of the five special tokens. */
    public static boolean isSpecial(long id) {
        return id == PAD || id == UNK || id == CLS || id == SEP || id == MASK;
    }
}
