package io.mosaic.runtime.data.mmsa;

import io.mosaic.runtime.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A feature file in the MMSA layout read whole, for inspection: the values of each split as stored, and the dataset
 * they form after validation. {@code .pkl} files are read as MMSA pickles ({@link MmsaSource}, without running code),
 * {@code .npz} files as npz exports ({@link NpzSource}).
 *
 * @param format  {@code MMSA pickle} or {@code npz}
 * @param values  per split (train, valid, test), its values by key in file order: arrays
 *                ({@link io.mosaic.runtime.data.npz.NdArray}), lists and plain values
 * @param dataset the validated dataset
 */
public record FeatureFile(String format, Map<String, Map<String, Object>> values, Dataset dataset) {

    /** The scales {@link #read(Path, String)} takes, as {@code data.scale} does. */
    public static final List<String> SCALES = LabelScale.CHOICES;

    public FeatureFile {
        Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
        values.forEach((split, keys) -> copy.put(split, Collections.unmodifiableMap(new LinkedHashMap<>(keys))));
        values = Collections.unmodifiableMap(copy);
    }

    /** The file read with its labels' scale detected ({@code auto}, see {@link #read(Path, String)}). */
    public static FeatureFile read(Path file) {
        return read(file, "auto");
    }

    /**
     * @param scale the labels' range as {@code data.scale} gives it: {@code auto}, {@code mosi} or {@code sims}
     * @throws IllegalArgumentException naming the file when it is missing, has another extension, cannot be read
     *                                  safely (a pickle naming a global other than NumPy's), or breaks the layout
     */
    public static FeatureFile read(Path file, String scale) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        FeatureFileSource source;
        String format;
        if (name.endsWith(".pkl")) {
            source = new MmsaSource();
            format = "MMSA pickle";
        } else if (name.endsWith(".npz")) {
            source = new NpzSource();
            format = "npz";
        } else {
            throw new IllegalArgumentException(file + ": expected an MMSA pickle (.pkl) or an npz export (.npz)");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        Map<String, Map<String, Object>> values = source.readSplits(file);
        return new FeatureFile(format, values, source.open(file, values, "", scale, false, null));
    }
}
