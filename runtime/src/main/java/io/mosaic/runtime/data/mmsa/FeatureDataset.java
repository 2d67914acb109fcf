package io.mosaic.runtime.data.mmsa;

import io.mosaic.api.data.Modality;
import io.mosaic.api.data.SpecialTokens;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.npz.NumericArray;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A dataset read from a feature file (MMSA pickle or npz export): its splits over the file's validated arrays. */
final class FeatureDataset implements Dataset {
    private final String description;
    private final Map<Modality, FeatureShape> shapes;
    private final int vocabulary;
    private final Map<String, MmsaSplit> splits = new LinkedHashMap<>();
    private final boolean simsScale;
    private final Set<Modality> unimodalLabels;
    private final boolean classesFromFile;

    /**
     * @param fileSplits the file's validated splits, whose arrays agree in steps and width and which have the same
     *                   keys
     * @param scale      the range of the file's labels
     * @param splits     the dataset's splits, in order
     * @param classesFromFile whether the samples carry the file's classification labels
     */
    FeatureDataset(String description, List<FeatureSplit> fileSplits, LabelScale scale, List<MmsaSplit> splits,
                   boolean classesFromFile) {
        this.description = description;
        FeatureSplit first = fileSplits.get(0);
        Map<Modality, FeatureShape> shapes = new EnumMap<>(Modality.class);
        for (Modality modality : Modality.values()) {
            NumericArray features = first.features(modality);
            shapes.put(modality, FeatureShape.sequence(features.dimension(1), features.dimension(2)));
        }
        this.shapes = Collections.unmodifiableMap(shapes);
        this.vocabulary = vocabulary(fileSplits);
        this.simsScale = scale == LabelScale.SIMS;
        this.unimodalLabels = first.modalitiesWithScores();
        splits.forEach(split -> this.splits.put(split.name(), split));
        this.classesFromFile = classesFromFile;
    }

    @Override
    public boolean classesFromFile() {
        return classesFromFile;
    }

    @Override
    public boolean simsScale() {
        return simsScale;
    }

    /** The modalities of the file's {@code regression_labels_T/A/V}: SIMS' human labels, or a testbed export's y_s. */
    @Override
    public Set<Modality> unimodalLabels() {
        return unimodalLabels;
    }

    /**
     * One past the largest token id of the file, and at least past the special ids ({@link SpecialTokens#MASK}), or 0
     * without token ids. (The tokenizer's own vocabulary size is not stored in MMSA files.)
     */
    private static int vocabulary(List<FeatureSplit> fileSplits) {
        if (fileSplits.get(0).tokens() == null) {
            return 0;
        }
        int largest = SpecialTokens.MASK;
        for (FeatureSplit split : fileSplits) {
            largest = Math.max(largest, split.tokens().largest());
        }
        return largest + 1;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Map<Modality, FeatureShape> shapes() {
        return shapes;
    }

    @Override
    public int vocabulary() {
        return vocabulary;
    }

    @Override
    public List<String> splitNames() {
        return List.copyOf(splits.keySet());
    }

    @Override
    public MmsaSplit split(String name) {
        MmsaSplit split = splits.get(name);
        if (split == null) {
            throw new IllegalArgumentException(description + " has no split '" + name + "'; its splits: "
                    + splitNames());
        }
        return split;
    }
}
