package io.mosaic.runtime.data.mmsa;

import io.mosaic.api.data.Modality;
import io.mosaic.runtime.data.Frames;
import io.mosaic.runtime.data.Sample;
import io.mosaic.runtime.data.npz.NumericArray;
import io.mosaic.runtime.data.npz.TextArray;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One split of a feature file after validation. The feature arrays stay as loaded; a sample's frames are copied out
 * of them when it is asked for, so a split costs its arrays and a few numbers per sample.
 *
 * <p>Audio values that are not finite (MMSA's {@code -inf} padding of COVAREP features, NaN) become 0, as MMSA's
 * loader does for {@code -inf}.
 */
final class FeatureSplit {
    private final String name;
    private final TextArray ids;
    private final Map<Modality, NumericArray> features;
    private final Map<Modality, int[]> lengths;
    private final TokenIds tokens;
    private final float[] scores;
    private final Map<Modality, float[]> modalityScores;
    private final int[] classes;

    /**
     * @param features       per modality, an array [N, T, D]
     * @param lengths        per modality, N lengths in [0, T]
     * @param tokens         the token ids, or {@code null}
     * @param modalityScores per modality that has them, N unimodal scores
     * @param classes        N classes from the file ({@code labels: file}), or {@code null}: the task's class of
     *                       each score
     */
    FeatureSplit(String name, TextArray ids, Map<Modality, NumericArray> features, Map<Modality, int[]> lengths,
                 TokenIds tokens, float[] scores, Map<Modality, float[]> modalityScores, int[] classes) {
        this.name = name;
        this.ids = ids;
        this.features = Map.copyOf(features);
        this.lengths = Map.copyOf(lengths);
        this.tokens = tokens;
        this.scores = scores;
        this.modalityScores = new EnumMap<>(Modality.class);
        this.modalityScores.putAll(modalityScores);
        this.classes = classes;
    }

    /** Whether the file gave per-modality scores (CH-SIMS' T/A/V labels). */
    boolean hasModalityScores() {
        return !modalityScores.isEmpty();
    }

    /** Every label array by its key: {@code regression_labels}, then the unimodal ones the split has. */
    Map<String, float[]> labels() {
        Map<String, float[]> labels = new LinkedHashMap<>();
        labels.put(FeatureKeys.REGRESSION_LABELS, scores);
        modalityScores.forEach((modality, values) -> labels.put(FeatureKeys.MODALITY_LABELS.get(modality), values));
        return labels;
    }

    /** The modalities with unimodal scores. */
    Set<Modality> modalitiesWithScores() {
        return Collections.unmodifiableSet(modalityScores.keySet());
    }

    String name() {
        return name;
    }

    int size() {
        return scores.length;
    }

    String id(int row) {
        return ids.get(row);
    }

    NumericArray features(Modality modality) {
        return features.get(modality);
    }

    /** The token ids, or {@code null} when the split has none. */
    TokenIds tokens() {
        return tokens;
    }

    Sample sample(int row) {
        Map<Modality, Frames> frames = new EnumMap<>(Modality.class);
        for (Modality modality : Modality.values()) {
            frames.put(modality, frames(modality, row));
        }
        Map<Modality, Float> unimodal = new EnumMap<>(Modality.class);
        modalityScores.forEach((modality, values) -> unimodal.put(modality, values[row]));
        return new Sample(ids.get(row), scores[row], 0, tokens == null ? null : tokens.row(row), frames, unimodal,
                classes == null ? Sample.NO_FILE_CLASS : classes[row]);
    }

    private Frames frames(Modality modality, int row) {
        NumericArray array = features.get(modality);
        int steps = array.dimension(1);
        int dim = array.dimension(2);
        float[] values = new float[steps * dim];
        array.copyTo((long) row * values.length, values, 0, values.length);
        if (modality == Modality.AUDIO) {
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    values[i] = 0;
                }
            }
        }
        return new Frames(values, steps, dim, lengths.get(modality)[row]);
    }
}
