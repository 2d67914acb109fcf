package io.mosaic.api.protocol;

import io.mosaic.api.data.Modality;
import java.util.EnumMap;
import java.util.Map;

/**
 * One sample as a protocol sees it: per modality, the padded length and the true length.
 *
 * @param steps         padded length per modality
 * @param lengths       true length per modality, each in [0, steps]
 * @param specialTokens whether the text starts with [CLS] and ends with [SEP] at its length − 1, which protocols keep
 */
public record SampleLayout(Map<Modality, Integer> steps, Map<Modality, Integer> lengths, boolean specialTokens) {

    public SampleLayout {
        steps = Map.copyOf(new EnumMap<>(steps));
        lengths = Map.copyOf(new EnumMap<>(lengths));
        if (!steps.keySet().equals(lengths.keySet())) {
            throw new IllegalArgumentException("steps and lengths name different modalities: " + steps.keySet()
                    + " and " + lengths.keySet());
        }
        for (Map.Entry<Modality, Integer> entry : steps.entrySet()) {
            int length = lengths.get(entry.getKey());
            if (length < 0 || length > entry.getValue()) {
                throw new IllegalArgumentException(entry.getKey().id() + " length " + length + " is outside [0, "
                        + entry.getValue() + "]");
            }
        }
    }

    public int steps(Modality modality) {
        return require(steps, modality);
    }

    public int length(Modality modality) {
        return require(lengths, modality);
    }

    /** Whether a protocol may remove position {@code t} of {@code modality}: a real position, not [CLS] or [SEP]. */
    public boolean removable(Modality modality, int t) {
        int length = length(modality);
        if (t < 0 || t >= length) {
            return false;
        }
        return !(specialTokens && modality == Modality.TEXT && (t == 0 || t == length - 1));
    }

    private static int require(Map<Modality, Integer> map, Modality modality) {
        Integer value = map.get(modality);
        if (value == null) {
            throw new IllegalArgumentException("the sample has no " + modality.id() + " modality");
        }
        return value;
    }
}
