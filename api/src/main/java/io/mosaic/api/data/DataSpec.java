package io.mosaic.api.data;

import io.mosaic.api.model.FeatureShape;
import java.util.EnumMap;
import java.util.Map;

/**
 * The shape of a dataset as a model is built for it.
 *
 * @param inputs     per modality, the padded length and feature width of its frames (for text: token features)
 * @param vocabulary the number of token ids, or 0 when the data carries no token ids
 * @param task       what is predicted
 */
public record DataSpec(Map<Modality, FeatureShape> inputs, int vocabulary, Task task) {

    public DataSpec {
        inputs = Map.copyOf(new EnumMap<>(inputs));
    }

    /**
     * Whether the modalities are aligned: every modality has as many positions as the text (word-aligned features,
     * as in MMSA's {@code aligned_50} files). Temporal protocols need this.
     */
    public boolean aligned() {
        return inputs.values().stream().mapToInt(FeatureShape::steps).distinct().count() == 1;
    }

    /** The shape of {@code modality}'s input. */
    public FeatureShape input(Modality modality) {
        FeatureShape shape = inputs.get(modality);
        if (shape == null) {
            throw new IllegalArgumentException("the data has no " + modality.id() + " modality");
        }
        return shape;
    }
}
