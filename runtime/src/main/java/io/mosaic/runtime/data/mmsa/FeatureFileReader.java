package io.mosaic.runtime.data.mmsa;

import io.mosaic.api.data.Modality;
import io.mosaic.runtime.data.npz.NumericArray;
import io.mosaic.runtime.data.tokenizer.TokenizerFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a whole feature file: it has the splits train, valid and test, every split has the same keys, each split
 * follows the layout ({@link FeatureSplitReader}), the splits agree on every modality's steps and width, and the
 * values are finite and the labels within the file's {@link LabelScale} ({@link ValueProblems}).
 */
final class FeatureFileReader {

    /**
     * A validated file.
     *
     * @param splits the splits in the order train, valid, test
     * @param scale  the range of its labels
     */
    record ReadFile(List<FeatureSplit> splits, LabelScale scale) {
    }

    private FeatureFileReader() {
    }

    /**
     * @param file   the file as the user named it
     * @param splits per split, its values by key
     * @param scale  {@code auto}, {@code mosi} or {@code sims} (see {@link LabelScale#of})
     * @param fileClasses whether the samples take their classes from the file's {@code classification_labels}
     * @param tokenizer   turns each split's {@code raw_text} into its token ids, or {@code null}
     * @throws IllegalArgumentException naming the file, the split, the key, and what was expected and found; for
     *                                  values that are not finite or out of range, one line per split and key with
     *                                  the first bad sample
     */
    static ReadFile read(String file, Map<String, Map<String, Object>> splits, String scale, boolean fileClasses,
                         TokenizerFile tokenizer) {
        for (String name : FeatureKeys.SPLITS) {
            if (!splits.containsKey(name)) {
                throw new IllegalArgumentException(file + ": has no split '" + name + "'; expected "
                        + FeatureKeys.SPLITS + ", found " + splits.keySet());
            }
        }
        String firstName = FeatureKeys.SPLITS.get(0);
        Set<String> keys = splits.get(firstName).keySet();
        List<FeatureSplit> read = new ArrayList<>();
        ValueProblems problems = new ValueProblems();
        for (String name : FeatureKeys.SPLITS) {
            Place place = new Place(file, name);
            Map<String, Object> values = splits.get(name);
            checkSameKeys(place, values.keySet(), firstName, keys);
            FeatureSplit split = FeatureSplitReader.read(place, values, problems, fileClasses, tokenizer);
            if (!read.isEmpty()) {
                checkSameShapes(place, split, read.get(0));
            }
            read.add(split);
        }
        LabelScale labelScale = LabelScale.of(scale, read);
        for (FeatureSplit split : read) {
            Place place = new Place(file, split.name());
            split.labels().forEach((key, labels) -> problems.requireWithin(place, key, labels, labelScale));
        }
        problems.throwIfAny();
        return new ReadFile(read, labelScale);
    }

    private static void checkSameKeys(Place place, Set<String> keys, String firstName, Set<String> expected) {
        Set<String> missing = new LinkedHashSet<>(expected);
        missing.removeAll(keys);
        Set<String> extra = new LinkedHashSet<>(keys);
        extra.removeAll(expected);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw place.error("every split must have the same keys as split '" + firstName + "'; missing "
                    + missing + ", extra " + extra);
        }
    }

    private static void checkSameShapes(Place place, FeatureSplit split, FeatureSplit first) {
        for (Modality modality : Modality.values()) {
            NumericArray found = split.features(modality);
            NumericArray expected = first.features(modality);
            if (found.dimension(1) != expected.dimension(1) || found.dimension(2) != expected.dimension(2)) {
                int[] shape = expected.shape();
                shape[0] = split.size();
                throw place.error(modality.id(), "expected " + Arrays.toString(shape) + " (steps and width as in "
                        + "split '" + first.name() + "'), found " + found.describe());
            }
        }
    }
}
