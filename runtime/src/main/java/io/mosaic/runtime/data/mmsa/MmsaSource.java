package io.mosaic.runtime.data.mmsa;

import io.mosaic.runtime.data.npz.PythonTypes;
import io.mosaic.runtime.data.pickle.SafeUnpickler;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An MMSA feature pickle ({@code unaligned_50.pkl}, {@code aligned_50.pkl}, SIMS' {@code unaligned_39.pkl}, or an
 * MMSA-FET output): {@code data: { source: mmsa, file: path/to/unaligned_50.pkl }}. The pickle is read by the
 * {@link SafeUnpickler}, so a data file can never run code. Its top level is a dict with the splits {@code train},
 * {@code valid} and {@code test} (other keys, such as MMSA-FET's {@code config}, are ignored); the package
 * documentation lists the keys of a split.
 */
public final class MmsaSource extends FeatureFileSource {

    @Override
    public String name() {
        return "mmsa";
    }

    @Override
    public String description() {
        return "An MMSA feature pickle (MOSI, MOSEI, SIMS; aligned or unaligned), read without running code.";
    }

    @Override
    Map<String, Map<String, Object>> readSplits(Path file) {
        Object root = SafeUnpickler.load(file);
        if (!(root instanceof Map<?, ?> top)) {
            throw new IllegalArgumentException(file + ": expected a dict of splits " + FeatureKeys.SPLITS
                    + " at the top, found " + PythonTypes.of(root));
        }
        Map<String, Map<String, Object>> splits = new LinkedHashMap<>();
        for (String name : FeatureKeys.SPLITS) {
            if (top.containsKey(name)) {
                splits.put(name, split(file, name, top.get(name)));
            }
        }
        return splits;
    }

    private static Map<String, Object> split(Path file, String name, Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(file + ", split '" + name + "': expected a dict of arrays, found "
                    + PythonTypes.of(value));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        map.forEach((key, v) -> {
            if (!(key instanceof String k)) {
                throw new IllegalArgumentException(file + ", split '" + name + "': expected str keys, found "
                        + PythonTypes.of(key));
            }
            values.put(k, v);
        });
        return values;
    }
}
