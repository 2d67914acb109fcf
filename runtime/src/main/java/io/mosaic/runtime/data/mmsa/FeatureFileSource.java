package io.mosaic.runtime.data.mmsa;

import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.runtime.data.DataSource;
import io.mosaic.runtime.data.Dataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A data source that reads a file in the MMSA feature layout: the common parameters ({@code file}, {@code text},
 * {@code split-file}) and the opening, given how a subclass reads the file's splits. Relative paths resolve against
 * the working directory.
 */
abstract class FeatureFileSource implements DataSource {
    static final String FILE = "file";
    static final String TEXT = "text";
    static final String SPLIT_FILE = "split-file";
    static final String SCALE = "scale";

    private static final ParameterSchema PARAMETERS = ParameterSchema.builder()
            .string(FILE, null, "The feature file.")
            .choice(TEXT, "features", List.of("features"), "What the text frames are: 'features' = the file's "
                    + "text array [N, L, 768]; token ids come from text_bert row 0 (or token_ids) when present.")
            .string(SPLIT_FILE, "", "A YAML file of sample ids per split ({train: [...], valid: [...], test: "
                    + "[...]}) that replaces the file's own splits; empty keeps them.")
            .choice(SCALE, "auto", LabelScale.CHOICES, "The labels' range: 'mosi' [-3, 3], 'sims' [-1, 1] (scored "
                    + "with SIMS' metrics); 'auto' is sims when the file has regression_labels_T/A/V and every label "
                    + "lies in [-1, 1], else mosi.")
            .build();

    @Override
    public ParameterSchema parameters() {
        return PARAMETERS;
    }

    /**
     * The file's values per split (train, valid, test) and key.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read
     */
    abstract Map<String, Map<String, Object>> readSplits(Path file);

    /** Opens the file; the seed is unused, since a file's samples are fixed. */
    @Override
    public Dataset open(Parameters parameters, long seed) {
        Path file = Path.of(parameters.string(FILE));
        return open(file, readSplits(file), parameters.string(SPLIT_FILE), parameters.string(SCALE));
    }

    /**
     * The dataset of a file's values per split, with its own splits or, when {@code splitFile} is not empty, those
     * of the split file.
     *
     * @param scale {@code auto}, {@code mosi} or {@code sims}: the labels' range ({@link LabelScale#of})
     * @throws IllegalArgumentException naming the file, split and key of the first value that breaks the layout
     */
    Dataset open(Path file, Map<String, Map<String, Object>> values, String splitFile, String scale) {
        FeatureFileReader.ReadFile read = FeatureFileReader.read(file.toString(), values, scale);
        List<FeatureSplit> fileSplits = read.splits();
        String description = name() + " " + file.getFileName();
        if (splitFile.isEmpty()) {
            List<MmsaSplit> splits = new ArrayList<>();
            fileSplits.forEach(split -> splits.add(MmsaSplit.whole(split)));
            return new FeatureDataset(description, fileSplits, read.scale(), splits);
        }
        Path splitPath = Path.of(splitFile);
        List<MmsaSplit> splits = SplitFile.read(splitPath).assign(file.toString(), fileSplits);
        return new FeatureDataset(description + " (splits from " + splitPath.getFileName() + ")", fileSplits,
                read.scale(), splits);
    }
}
