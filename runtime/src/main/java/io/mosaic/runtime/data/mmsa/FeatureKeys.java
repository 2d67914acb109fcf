package io.mosaic.runtime.data.mmsa;

import io.mosaic.api.data.Modality;
import java.util.List;
import java.util.Map;

/** The per-split keys of the MMSA feature layout that Mosaic reads (mmsa.md section 2) and writes. */
public final class FeatureKeys {
    static final String ID = "id";
    /** Text features [N, L, D_t]: BERT hidden states for every token position, padding included. */
    static final String TEXT = "text";
    /** [N, 3, L]: token ids, attention mask, segment ids. */
    static final String TEXT_BERT = "text_bert";
    /** [N, L]: token ids without a mask, the alternative to {@link #TEXT_BERT} for users' own exports. */
    static final String TOKEN_IDS = "token_ids";
    /** [N] str: the utterances, which {@code data.tokenizer} turns into token ids. */
    static final String RAW_TEXT = "raw_text";
    static final String AUDIO = "audio";
    static final String VISION = "vision";
    static final String AUDIO_LENGTHS = "audio_lengths";
    static final String VISION_LENGTHS = "vision_lengths";
    static final String REGRESSION_LABELS = "regression_labels";
    /** [N]: MMSA's 3 classes, 0 = negative, 1 = neutral, 2 = positive (sign(y) + 1), read with {@code labels: file}. */
    static final String CLASSIFICATION_LABELS = "classification_labels";
    /** The unimodal labels: SIMS' human ones, or the testbed's modality-specific scores. */
    public static final Map<Modality, String> MODALITY_LABELS = Map.of(
            Modality.TEXT, "regression_labels_T",
            Modality.AUDIO, "regression_labels_A",
            Modality.VISION, "regression_labels_V");

    /** The file's splits, which every MMSA file has. */
    static final List<String> SPLITS = List.of("train", "valid", "test");

    private FeatureKeys() {
    }
}
