package io.mosaic.runtime.data.mmsa;

import io.mosaic.api.component.ParameterException;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.runtime.data.DataSource;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.tokenizer.TokenizerFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A data source that reads files in the MMSA feature layout: the common parameters ({@code file} or {@code files},
 * {@code text}, {@code split-file}, {@code scale}, {@code labels}, and with {@code files} the domains) and the
 * opening, given how a subclass reads a file's splits. Relative paths resolve against the working directory.
 */
abstract class FeatureFileSource implements DataSource {
    static final String FILE = "file";
    static final String FILES = "files";
    static final String TRAIN_DOMAINS = "train-domains";
    static final String TEST_DOMAINS = "test-domains";
    static final String TEXT = "text";
    static final String SPLIT_FILE = "split-file";
    static final String TOKENIZER = "tokenizer";
    static final String SCALE = "scale";
    static final String LABELS = "labels";
    /** {@code labels:} the classes come from the file's {@code classification_labels}. */
    static final String FILE_LABELS = "file";

    private static final ParameterSchema PARAMETERS = ParameterSchema.builder()
            .string(FILE, "", "The feature file (or several as domains: files).")
            .strings(FILES, List.of(), "Several feature files as domains, each with its own train, valid and test "
                    + "splits: domain i is files[i]. Every file needs the same steps and width per modality.")
            .integers(TRAIN_DOMAINS, List.of(), 0, null, "With files: the source domains, whose train and valid "
                    + "splits train and select; empty: every file.")
            .integers(TEST_DOMAINS, List.of(), 0, null, "With files: the target domains, whose test splits form "
                    + "test and are reported one by one beside the source domains' test split; empty: every file. "
                    + "A target that is no source is not read before the final evaluation.")
            .choice(TEXT, "features", List.of("features"), "What the text frames are: 'features' = the file's "
                    + "text array [N, L, 768]; token ids come from text_bert row 0 (or token_ids) when present.")
            .string(TOKENIZER, "", "A HuggingFace tokenizer.json (relative to the working directory, like file) that "
                    + "turns each split's raw_text into token ids, truncated and padded to the text's steps; empty: "
                    + "the file's own ids (text_bert or token_ids), if any. Refused for a file that has its own ids.")
            .string(SPLIT_FILE, "", "A YAML file of sample ids per split ({train: [...], valid: [...], test: "
                    + "[...]}) that replaces the file's own splits; empty keeps them.")
            .choice(SCALE, "auto", LabelScale.CHOICES, "The labels' range: 'mosi' [-3, 3], 'sims' [-1, 1] (scored "
                    + "with SIMS' metrics); 'auto' is sims when the file has regression_labels_T/A/V and every label "
                    + "lies in [-1, 1], else mosi.")
            .choice(LABELS, "scores", List.of("scores", FILE_LABELS), "Where a classification task's classes come "
                    + "from: 'scores' bins regression_labels as the task says; 'file' reads MMSA's "
                    + "classification_labels (0 negative, 1 neutral, 2 positive), for task classes-3.")
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

    /**
     * Opens the file, or the files as domains; the seed is unused, since a file's samples are fixed.
     *
     * @throws ParameterException naming the setting that cannot be used with the others
     */
    @Override
    public Dataset open(Parameters parameters, long seed) {
        String file = parameters.string(FILE);
        List<String> files = parameters.strings(FILES);
        String splitFile = parameters.string(SPLIT_FILE);
        String scale = parameters.string(SCALE);
        boolean fileClasses = FILE_LABELS.equals(parameters.string(LABELS));
        TokenizerFile tokenizer = tokenizer(parameters.string(TOKENIZER));
        if (!files.isEmpty()) {
            if (!file.isEmpty()) {
                throw new ParameterException(FILES, "give either file (one file) or files (several as domains), "
                        + "not both");
            }
            if (!splitFile.isEmpty()) {
                throw new ParameterException(SPLIT_FILE, "repartitions a single file; with files, every file "
                        + "keeps its own train, valid and test splits");
            }
            return new FileDomains(this, files.stream().map(Path::of).toList(),
                    parameters.integers(TRAIN_DOMAINS), parameters.integers(TEST_DOMAINS), scale, fileClasses,
                    tokenizer);
        }
        if (file.isEmpty()) {
            throw new ParameterException(FILE, "missing; give the feature file (file: path) or several files as "
                    + "domains (files: [a, b, ...])");
        }
        for (String key : List.of(TRAIN_DOMAINS, TEST_DOMAINS)) {
            if (!parameters.integers(key).isEmpty()) {
                throw new ParameterException(key, "selects domains among files; a single file is one domain");
            }
        }
        Path path = Path.of(file);
        return open(path, readSplits(path), splitFile, scale, fileClasses, tokenizer);
    }

    /** The tokenizer of {@code data.tokenizer}, or {@code null} when none is set. */
    private static TokenizerFile tokenizer(String file) {
        if (file.isEmpty()) {
            return null;
        }
        try {
            return TokenizerFile.read(Path.of(file));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ParameterException(TOKENIZER, e.getMessage());
        }
    }

    /**
     * The dataset of a file's values per split, with its own splits or, when {@code splitFile} is not empty, those
     * of the split file.
     *
     * @param scale       {@code auto}, {@code mosi} or {@code sims}: the labels' range ({@link LabelScale#of})
     * @param fileClasses whether samples take their classes from the file's {@code classification_labels}
     * @param tokenizer   turns each split's {@code raw_text} into token ids, or {@code null}
     * @throws IllegalArgumentException naming the file, split and key of the first value that breaks the layout
     */
    Dataset open(Path file, Map<String, Map<String, Object>> values, String splitFile, String scale,
                 boolean fileClasses, TokenizerFile tokenizer) {
        FeatureFileReader.ReadFile read = FeatureFileReader.read(file.toString(), values, scale, fileClasses,
                tokenizer);
        List<FeatureSplit> fileSplits = read.splits();
        String description = name() + " " + file.getFileName();
        if (splitFile.isEmpty()) {
            List<MmsaSplit> splits = new ArrayList<>();
            fileSplits.forEach(split -> splits.add(MmsaSplit.whole(split)));
            return new FeatureDataset(description, fileSplits, read.scale(), splits, fileClasses);
        }
        Path splitPath = Path.of(splitFile);
        List<MmsaSplit> splits = SplitFile.read(splitPath).assign(file.toString(), fileSplits);
        return new FeatureDataset(description + " (splits from " + splitPath.getFileName() + ")", fileSplits,
                read.scale(), splits, fileClasses);
    }
}
