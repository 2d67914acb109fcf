package io.mosaic.runtime.data.mmsa;

import io.mosaic.runtime.data.npz.NdArray;
import io.mosaic.runtime.data.npz.NpzArchive;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Users' own features in the MMSA layout, exported with {@code numpy.savez}: {@code data: { source: npz, file:
 * features.npz }}. Each array is named {@code <split>_<key>} with split {@code train}, {@code valid} or {@code test}
 * and the MMSA keys: {@code train_id}, {@code train_text}, {@code train_text_bert} (or {@code train_token_ids}),
 * {@code train_audio}, {@code train_vision}, {@code train_audio_lengths}, {@code train_vision_lengths},
 * {@code train_regression_labels}, and so on (see the package documentation).
 */
public final class NpzSource extends FeatureFileSource {

    @Override
    public String name() {
        return "npz";
    }

    @Override
    public String description() {
        return "Features exported with numpy.savez in the MMSA layout: <split>_<key>.npy arrays.";
    }

    @Override
    Map<String, Map<String, Object>> readSplits(Path file) {
        Map<String, Map<String, Object>> splits = new LinkedHashMap<>();
        NpzArchive.read(file).forEach((name, array) -> put(file, splits, name, array));
        return splits;
    }

    private static void put(Path file, Map<String, Map<String, Object>> splits, String name, NdArray array) {
        for (String split : FeatureKeys.SPLITS) {
            if (name.startsWith(split + "_") && name.length() > split.length() + 1) {
                String key = name.substring(split.length() + 1);
                splits.computeIfAbsent(split, s -> new LinkedHashMap<>()).put(key, array);
                return;
            }
        }
        throw new IllegalArgumentException(file + ": array '" + name + "' is not named <split>_<key> with split "
                + "train, valid or test (e.g. train_audio)");
    }
}
