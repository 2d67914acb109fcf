package io.mosaic.runtime.data.mmsa;

import static io.mosaic.runtime.data.mmsa.FeatureKeys.AUDIO;
import static io.mosaic.runtime.data.mmsa.FeatureKeys.AUDIO_LENGTHS;
import static io.mosaic.runtime.data.mmsa.FeatureKeys.CLASSIFICATION_LABELS;
import static io.mosaic.runtime.data.mmsa.FeatureKeys.ID;
import static io.mosaic.runtime.data.mmsa.FeatureKeys.RAW_TEXT;
import static io.mosaic.runtime.data.mmsa.FeatureKeys.REGRESSION_LABELS;
import static io.mosaic.runtime.data.mmsa.FeatureKeys.TEXT;
import static io.mosaic.runtime.data.mmsa.FeatureKeys.TEXT_BERT;
import static io.mosaic.runtime.data.mmsa.FeatureKeys.TOKEN_IDS;
import static io.mosaic.runtime.data.mmsa.FeatureKeys.VISION;
import static io.mosaic.runtime.data.mmsa.FeatureKeys.VISION_LENGTHS;

import io.mosaic.api.component.ParameterException;
import io.mosaic.api.data.Modality;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.npz.ByteData;
import io.mosaic.runtime.data.npz.DType;
import io.mosaic.runtime.data.npz.NdArray;
import io.mosaic.runtime.data.npz.NumericArray;
import io.mosaic.runtime.data.npz.PythonTypes;
import io.mosaic.runtime.data.npz.TextArray;
import io.mosaic.runtime.data.tokenizer.TokenizerFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Checks one split's values against the MMSA layout and turns them into a {@link FeatureSplit}. N is the number of
 * ids; every value with a length must have N rows.
 *
 * <p>Token ids: {@code text_bert} row 0, {@code token_ids}, or with a tokenizer ({@code data.tokenizer}) the ids of
 * {@code raw_text}, which is then required (and {@code text_bert}/{@code token_ids} refused).
 *
 * <p>Lengths: text lengths are the attention-mask row sums ({@code text_bert} row 1) when the split has
 * {@code text_bert}, else the position after the last non-zero token id ({@code token_ids}, or the tokenizer's ids, which end
 * with {@code [SEP]}), else the position after the last text frame that is not all zeros. Audio and vision lengths are
 * {@code audio_lengths} and {@code vision_lengths}, which are authoritative (MMSA's unaligned files have non-zero
 * frames beyond them); a file without them is aligned, its audio and vision have the text's steps, and they take the
 * text lengths. Every length must lie in [0, T].
 */
final class FeatureSplitReader {
    private final Place place;
    private final Map<String, Object> values;
    private final ValueProblems problems;
    private final boolean fileClasses;
    private final TokenizerFile tokenizer;
    private int size;

    private FeatureSplitReader(Place place, Map<String, Object> values, ValueProblems problems,
                               boolean fileClasses, TokenizerFile tokenizer) {
        this.place = place;
        this.values = values;
        this.problems = problems;
        this.fileClasses = fileClasses;
        this.tokenizer = tokenizer;
    }

    /**
     * @param problems    collects the values that are not finite or out of range, which the caller reports with those
     *                    of the other splits
     * @param fileClasses whether the samples take their classes from {@code classification_labels}
     *                    ({@code labels: file}), which the split must then have
     * @param tokenizer   turns {@code raw_text} into the token ids, or {@code null}: the ids are {@code text_bert}'s
     *                    or {@code token_ids}', if any
     * @throws IllegalArgumentException naming the file, the split, the key, and what was expected and found, when
     *                                  the split breaks the layout
     * @throws ParameterException       naming {@code tokenizer} when the split has token ids of its own
     */
    static FeatureSplit read(Place place, Map<String, Object> values, ValueProblems problems, boolean fileClasses,
                             TokenizerFile tokenizer) {
        return new FeatureSplitReader(place, values, problems, fileClasses, tokenizer).read();
    }

    private FeatureSplit read() {
        TextArray ids = ids();
        size = (int) ids.size();
        if (size == 0) {
            throw place.error(ID, "the split has no samples; every split needs at least one");
        }
        values.forEach(this::checkRows);
        Map<Modality, NumericArray> features = new EnumMap<>(Modality.class);
        features.put(Modality.TEXT, sequence(TEXT));
        features.put(Modality.AUDIO, sequence(AUDIO));
        features.put(Modality.VISION, sequence(VISION));
        problems.requireFinite(place, TEXT, features.get(Modality.TEXT));
        problems.requireFinite(place, VISION, features.get(Modality.VISION));
        TokenIds tokens = tokens(features.get(Modality.TEXT).dimension(1));
        Map<Modality, int[]> lengths = new EnumMap<>(Modality.class);
        NumericArray text = features.get(Modality.TEXT);
        int[] textLengths = textLengths(text, tokens);
        lengths.put(Modality.TEXT, textLengths);
        lengths.put(Modality.AUDIO, lengths(AUDIO_LENGTHS, AUDIO, features.get(Modality.AUDIO), text, textLengths));
        lengths.put(Modality.VISION, lengths(VISION_LENGTHS, VISION, features.get(Modality.VISION), text,
                textLengths));
        float[] scores = scores(REGRESSION_LABELS);
        Map<Modality, float[]> modalityScores = new EnumMap<>(Modality.class);
        FeatureKeys.MODALITY_LABELS.forEach((modality, key) -> {
            if (values.containsKey(key)) {
                modalityScores.put(modality, scores(key));
            }
        });
        return new FeatureSplit(place.split(), ids, features, lengths, tokens, scores, modalityScores,
                fileClasses ? classes() : null);
    }

    /** MMSA's {@code classification_labels}: N ints 0, 1 or 2 (negative, neutral, positive). */
    private int[] classes() {
        if (!values.containsKey(CLASSIFICATION_LABELS)) {
            throw place.error(CLASSIFICATION_LABELS, "is missing; labels: file reads MMSA's 3 classes (0 negative, "
                    + "1 neutral, 2 positive) from it; use labels: scores to derive the classes from "
                    + "regression_labels");
        }
        double[] numbers = numbers(CLASSIFICATION_LABELS);
        int[] classes = new int[size];
        for (int row = 0; row < size; row++) {
            double label = numbers[row];
            if (label != Math.rint(label) || label < 0 || label >= Dataset.FILE_CLASSES) {
                throw place.error(CLASSIFICATION_LABELS, "sample " + row + " has class " + label + "; expected 0, 1 "
                        + "or 2 (negative, neutral, positive)");
            }
            classes[row] = (int) label;
        }
        return classes;
    }

    private TextArray ids() {
        Object value = require(ID);
        if (value instanceof TextArray array && array.shape().length == 1) {
            return array;
        }
        if (value instanceof List<?> list) {
            try {
                return TextArray.objects(new int[] {list.size()}, list);
            } catch (IllegalArgumentException e) {
                throw place.error(ID, "expected a list of str, but " + e.getMessage());
            }
        }
        throw place.error(ID, "expected the sample ids as a str array [N] or a list of str, found "
                + PythonTypes.of(value));
    }

    /** Every value with a length has one row per sample. */
    private void checkRows(String key, Object value) {
        long rows = -1;
        if (value instanceof NdArray array && array.shape().length > 0) {
            rows = array.shape()[0];
        } else if (value instanceof List<?> list) {
            rows = list.size();
        }
        if (rows >= 0 && rows != size) {
            throw place.error(key, "expected " + size + " rows (one per id), found " + PythonTypes.of(value));
        }
    }

    private NumericArray sequence(String key) {
        Object value = require(key);
        if (!(value instanceof NumericArray array) || array.rank() != 3) {
            throw place.error(key, "expected a numeric array [N, T, D] with N = " + size + ", found "
                    + PythonTypes.of(value));
        }
        if (array.dimension(1) < 1 || array.dimension(2) < 1) {
            throw place.error(key, "expected at least one step and one feature, found " + array.describe());
        }
        if ((long) array.dimension(1) * array.dimension(2) > Integer.MAX_VALUE - 8) {
            throw place.error(key, "a sample of " + array.describe() + " has more than 2^31 values");
        }
        return array;
    }

    private TokenIds tokens(int steps) {
        Object bert = values.get(TEXT_BERT);
        Object ids = values.get(TOKEN_IDS);
        if (bert != null && ids != null) {
            throw place.error("has both '" + TEXT_BERT + "' and '" + TOKEN_IDS + "'; give the token ids once");
        }
        if (tokenizer != null) {
            if (bert != null || ids != null) {
                throw new ParameterException(FeatureFileSource.TOKENIZER, place.file() + ", split '" + place.split()
                        + "' has its own token ids ('" + (bert != null ? TEXT_BERT : TOKEN_IDS) + "'), which are used "
                        + "as they are; remove the tokenizer setting");
            }
            return checkedIds(RAW_TEXT, tokenised(steps), steps, steps);
        }
        if (bert != null) {
            NumericArray array = shaped(TEXT_BERT, bert, new int[] {size, 3, steps}, "(ids, mask, segments) with "
                    + "L the text's steps");
            return checkedIds(TEXT_BERT, array, 3 * steps, steps);
        }
        if (ids != null) {
            NumericArray array = shaped(TOKEN_IDS, ids, new int[] {size, steps}, "with L the text's steps");
            return checkedIds(TOKEN_IDS, array, steps, steps);
        }
        return null;
    }

    /** {@code raw_text} through the tokenizer: [N, L] int64 ids, with L the text's steps. */
    private NumericArray tokenised(int steps) {
        Object value = values.get(RAW_TEXT);
        if (value == null) {
            throw place.error(RAW_TEXT, "is missing; data.tokenizer tokenises each sample's raw text, which the "
                    + "split must have as [N] str");
        }
        List<String> texts = new ArrayList<>(size);
        if (value instanceof TextArray array && array.shape().length == 1) {
            for (int i = 0; i < size; i++) {
                texts.add(array.get(i));
            }
        } else if (value instanceof List<?> list) {
            for (Object text : list) {
                if (!(text instanceof String s)) {
                    throw place.error(RAW_TEXT, "element " + texts.size() + " is " + PythonTypes.of(text)
                            + "; expected a str");
                }
                texts.add(s);
            }
        } else {
            throw place.error(RAW_TEXT, "expected the texts as a str array [N] or a list of str, found "
                    + PythonTypes.of(value));
        }
        if ((long) size * steps > (Integer.MAX_VALUE - 8) / Long.BYTES) {
            throw place.error(RAW_TEXT, size + " texts of " + steps + " ids are more than 2^28 ids in one split");
        }
        int[][] ids = tokenizer.encode(texts, steps);
        ByteBuffer bytes = ByteBuffer.allocate(size * steps * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int[] row : ids) {
            for (int id : row) {
                bytes.putLong(id);
            }
        }
        return new NumericArray(DType.INT64, new int[] {size, steps}, ByteData.wrap(bytes.array()));
    }

    /** The ids of {@code array} after checking each is an int in [0, 2^31 - 1), with the largest. */
    private TokenIds checkedIds(String key, NumericArray array, int stride, int steps) {
        int largest = 0;
        for (int row = 0; row < size; row++) {
            long start = (long) row * stride;
            for (int t = 0; t < steps; t++) {
                double id = array.get(start + t);
                if (id != Math.rint(id) || id < 0 || id >= Integer.MAX_VALUE) {
                    throw place.error(key, "sample " + row + " has token id " + id + " at position " + t
                            + "; expected an int in [0, 2^31 - 1)");
                }
                largest = Math.max(largest, (int) id);
            }
        }
        return new TokenIds(array, stride, steps, largest);
    }

    private int[] textLengths(NumericArray text, TokenIds tokens) {
        int steps = text.dimension(1);
        int[] lengths = new int[size];
        for (int row = 0; row < size; row++) {
            if (tokens == null) {
                lengths[row] = framesBeforeZeroPadding(text, row);
            } else if (tokens.stride() == tokens.steps()) {
                lengths[row] = idsBeforePadding(tokens, row);
            } else {
                lengths[row] = maskSum(tokens, row);
            }
        }
        return lengths;
    }

    /** The attention mask ({@code text_bert} row 1) of a sample, summed; each entry must be 0 or 1. */
    private int maskSum(TokenIds tokens, int row) {
        long start = (long) row * tokens.stride() + tokens.steps();
        int sum = 0;
        for (int t = 0; t < tokens.steps(); t++) {
            double mask = tokens.array().get(start + t);
            if (mask != 0 && mask != 1) {
                throw place.error(TEXT_BERT, "sample " + row + " has attention mask value " + mask + " at position "
                        + t + "; expected 0 or 1 in row 1");
            }
            sum += (int) mask;
        }
        return sum;
    }

    private static int idsBeforePadding(TokenIds tokens, int row) {
        int[] ids = tokens.row(row);
        int length = ids.length;
        while (length > 0 && ids[length - 1] == 0) {
            length--;
        }
        return length;
    }

    private static int framesBeforeZeroPadding(NumericArray text, int row) {
        int steps = text.dimension(1);
        int dim = text.dimension(2);
        float[] frame = new float[dim];
        for (int t = steps - 1; t >= 0; t--) {
            text.copyTo(((long) row * steps + t) * dim, frame, 0, dim);
            for (float v : frame) {
                if (v != 0) {
                    return t + 1;
                }
            }
        }
        return 0;
    }

    /** The lengths under {@code key}, or for an aligned file (no such key) the text lengths. */
    private int[] lengths(String key, String featureKey, NumericArray features, NumericArray text,
                          int[] textLengths) {
        int steps = features.dimension(1);
        if (!values.containsKey(key)) {
            if (steps != text.dimension(1)) {
                throw place.error(key, "is missing; an aligned file (without lengths) needs '" + featureKey
                        + "' with the text's " + text.dimension(1) + " steps, found " + features.describe());
            }
            return textLengths.clone();
        }
        double[] numbers = numbers(key);
        int[] lengths = new int[size];
        for (int row = 0; row < size; row++) {
            double length = numbers[row];
            if (length != Math.rint(length) || length < 0 || length > steps) {
                throw place.error(key, "sample " + row + " has length " + length + "; expected an int in [0, "
                        + steps + "] (the steps of '" + featureKey + "')");
            }
            lengths[row] = (int) length;
        }
        return lengths;
    }

    /** The labels under {@code key}, checked to be finite (their range depends on the whole file's scale). */
    private float[] scores(String key) {
        double[] numbers = numbers(key);
        problems.requireFinite(place, key, numbers);
        float[] scores = new float[numbers.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (float) numbers[i];
        }
        return scores;
    }

    /** N numbers: a numeric array [N] or [N, 1], or a list of N ints or floats. */
    private double[] numbers(String key) {
        Object value = require(key);
        double[] numbers = new double[size];
        if (value instanceof NumericArray array && array.size() == size
                && (array.rank() == 1 || array.rank() == 2 && array.dimension(1) == 1)) {
            for (int i = 0; i < size; i++) {
                numbers[i] = array.get(i);
            }
            return numbers;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < size; i++) {
                if (!(list.get(i) instanceof Number n)) {
                    throw place.error(key, "element " + i + " is " + PythonTypes.of(list.get(i))
                            + "; expected a number");
                }
                numbers[i] = n.doubleValue();
            }
            return numbers;
        }
        throw place.error(key, "expected " + size + " numbers (an array [N] or [N, 1], or a list), found "
                + PythonTypes.of(value));
    }

    private NumericArray shaped(String key, Object value, int[] shape, String meaning) {
        if (!(value instanceof NumericArray array) || !Arrays.equals(array.shape(), shape)) {
            throw place.error(key, "expected a numeric array " + Arrays.toString(shape) + " " + meaning + ", found "
                    + PythonTypes.of(value));
        }
        return array;
    }

    private Object require(String key) {
        if (!values.containsKey(key)) {
            throw place.error(key, "is missing; the split has " + values.keySet());
        }
        return values.get(key);
    }
}
