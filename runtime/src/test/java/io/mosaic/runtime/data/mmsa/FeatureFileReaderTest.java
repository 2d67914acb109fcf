package io.mosaic.runtime.data.mmsa;

import static io.mosaic.runtime.data.mmsa.Layouts.counting;
import static io.mosaic.runtime.data.mmsa.Layouts.file;
import static io.mosaic.runtime.data.mmsa.Layouts.floats;
import static io.mosaic.runtime.data.mmsa.Layouts.longs;
import static io.mosaic.runtime.data.mmsa.Layouts.size;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.api.data.Modality;
import io.mosaic.runtime.data.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureFileReaderTest {

    private static List<FeatureSplit> read(Map<String, Map<String, Object>> file) {
        return FeatureFileReader.read("f.pkl", file, "auto", false, null).splits();
    }

    @Test
    void readsEverySplitWithItsLengthsTokensAndFrames() {
        List<FeatureSplit> splits = read(file());

        assertThat(splits).extracting(FeatureSplit::name).containsExactly("train", "valid", "test");
        Sample sample = splits.get(0).sample(2);
        assertThat(sample.id()).isEqualTo("tr2");
        assertThat(sample.score()).isEqualTo(1f);
        assertThat(sample.domain()).isZero();
        // Sample 2: 4 real tokens ([CLS] 1002 1002 [SEP]), audio length 3, vision length 3.
        assertThat(sample.tokenIds()).containsExactly(101, 1002, 1002, 102);
        assertThat(sample.frames(Modality.TEXT).length()).isEqualTo(4);
        assertThat(sample.frames(Modality.AUDIO).length()).isEqualTo(3);
        assertThat(sample.frames(Modality.VISION).length()).isEqualTo(3);
        // Text of sample 2 counts on from 2 * 4 * 2 = 16; vision from -100 + 2 * 3 * 2 = -88.
        assertThat(sample.frames(Modality.TEXT).values()).containsExactly(16, 17, 18, 19, 20, 21, 22, 23);
        assertThat(sample.frames(Modality.VISION).at(2, 1)).isEqualTo(-83);
        assertThat(splits.get(0).sample(0).frames(Modality.TEXT).length()).isEqualTo(2);
        assertThat(sample.modalityScores()).isEmpty();
        assertThat(splits.get(0).tokens().largest()).isEqualTo(1002);
    }

    @Test
    void withoutTokensTheTextEndsAfterItsLastNonZeroFrame() {
        Map<String, Map<String, Object>> file = file();
        // Sample 0's frames: (1, 0), (0, 0), (0, 2), (0, 0), so its length is 3. Sample 1 is all zeros.
        float[] text = new float[2 * 4 * 2];
        text[0] = 1;
        text[5] = 2;
        file.values().forEach(split -> split.remove("text_bert"));
        file.get("valid").put("text", floats(new int[] {2, 4, 2}, text));

        FeatureSplit valid = read(file).get(1);

        assertThat(valid.tokens()).isNull();
        assertThat(valid.sample(0).tokenIds()).isNull();
        assertThat(valid.sample(0).frames(Modality.TEXT).length()).isEqualTo(3);
        assertThat(valid.sample(1).frames(Modality.TEXT).length()).isZero();
    }

    @Test
    void tokenIdsWithoutAMaskEndAfterTheLastNonZeroId() {
        Map<String, Map<String, Object>> file = file();
        file.values().forEach(split -> split.remove("text_bert"));
        file.values().forEach(split -> split.put("token_ids", longs(new int[] {size(split), 4},
                new long[size(split) * 4])));
        file.get("test").put("token_ids", longs(new int[] {2, 4}, 101, 7, 102, 0, 101, 0, 9, 0));

        FeatureSplit test = read(file).get(2);

        assertThat(test.sample(0).frames(Modality.TEXT).length()).isEqualTo(3);
        assertThat(test.sample(1).frames(Modality.TEXT).length()).isEqualTo(3);
        assertThat(test.sample(1).tokenIds()).containsExactly(101, 0, 9, 0);
    }

    @Test
    void anAlignedFileUsesTheTextLengthsForAudioAndVision() {
        Map<String, Map<String, Object>> file = file();
        file.values().forEach(split -> {
            split.remove("audio_lengths");
            split.remove("vision_lengths");
            split.put("audio", counting(0, size(split), 4, 3));
            split.put("vision", counting(0, size(split), 4, 1));
        });

        FeatureSplit train = read(file).get(0);

        for (int row = 0; row < 3; row++) {
            int textLength = train.sample(row).frames(Modality.TEXT).length();
            assertThat(train.sample(row).frames(Modality.AUDIO).length()).isEqualTo(textLength);
            assertThat(train.sample(row).frames(Modality.VISION).length()).isEqualTo(textLength);
        }
    }

    @Test
    void labelsMayBeAColumnAndUnimodalLabelsAreKept() {
        Map<String, Map<String, Object>> file = file();
        file.get("valid").put("regression_labels", floats(new int[] {2, 1}, -0.5f, 0.25f));
        file.values().forEach(split -> split.put("regression_labels_A", List.of(1.0, -1.0, 0.5).subList(0,
                size(split))));

        List<FeatureSplit> splits = read(file);

        assertThat(splits.get(1).sample(1).score()).isEqualTo(0.25f);
        assertThat(splits.get(1).sample(1).modalityScores()).isEqualTo(Map.of(Modality.AUDIO, -1f));
    }

    @Test
    void aMissingSplitIsNamed() {
        Map<String, Map<String, Object>> file = file();
        file.remove("test");

        assertThatThrownBy(() -> read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("f.pkl: has no split 'test'; expected [train, valid, test], found [train, valid]");
    }

    @Test
    void everySplitNeedsTheSameKeys() {
        Map<String, Map<String, Object>> file = file();
        file.get("valid").remove("vision_lengths");
        file.get("valid").put("extra", 1L);

        assertThatThrownBy(() -> read(file)).hasMessage("f.pkl, split 'valid': every split must have the same keys "
                + "as split 'train'; missing [vision_lengths], extra [extra]");
    }

    @Test
    void lengthsOfTheWrongCountAreNamedWithSplitAndKey() {
        Map<String, Map<String, Object>> file = file();
        file.get("train").put("audio_lengths", List.of(1L, 2L, 3L, 4L));

        assertThatThrownBy(() -> read(file)).hasMessage("f.pkl, split 'train', key 'audio_lengths': expected 3 rows "
                + "(one per id), found a list of 4");
    }

    @Test
    void lengthsMustLieWithinTheSteps() {
        Map<String, Map<String, Object>> file = file();
        file.get("test").put("vision_lengths", List.of(1L, 4L));

        assertThatThrownBy(() -> read(file)).hasMessage("f.pkl, split 'test', key 'vision_lengths': sample 1 has "
                + "length 4.0; expected an int in [0, 3] (the steps of 'vision')");
        file.get("test").put("vision_lengths", List.of(1L, -1L));
        assertThatThrownBy(() -> read(file)).hasMessageContaining("sample 1 has length -1.0");
        file.get("test").put("vision_lengths", List.of(1L, 1.5));
        assertThatThrownBy(() -> read(file)).hasMessageContaining("sample 1 has length 1.5");
    }

    @Test
    void splitsMustAgreeOnStepsAndWidths() {
        Map<String, Map<String, Object>> file = file();
        file.get("valid").put("audio", counting(0, 2, 6, 2));

        assertThatThrownBy(() -> read(file)).hasMessage("f.pkl, split 'valid', key 'audio': expected [2, 5, 2] "
                + "(steps and width as in split 'train'), found float32 [2, 6, 2]");
    }

    @Test
    void firstDimensionsMustAgreeWithTheIds() {
        Map<String, Map<String, Object>> file = file();
        file.get("train").put("vision", counting(0, 2, 3, 2));

        assertThatThrownBy(() -> read(file)).hasMessage("f.pkl, split 'train', key 'vision': expected 3 rows (one "
                + "per id), found a numpy array float32 [2, 3, 2]");
    }

    @Test
    void textBertMustHaveTheTextsStepsAndABinaryMask() {
        Map<String, Map<String, Object>> file = file();
        file.get("train").put("text_bert", counting(0, 3, 2, 4));
        assertThatThrownBy(() -> read(file)).hasMessage("f.pkl, split 'train', key 'text_bert': expected a numeric "
                + "array [3, 3, 4] (ids, mask, segments) with L the text's steps, found a numpy array float32 "
                + "[3, 2, 4]");

        long[] bert = new long[3 * 3 * 4];
        bert[4 + 1] = 2;
        file.get("train").put("text_bert", longs(new int[] {3, 3, 4}, bert));
        assertThatThrownBy(() -> read(file)).hasMessage("f.pkl, split 'train', key 'text_bert': sample 0 has "
                + "attention mask value 2.0 at position 1; expected 0 or 1 in row 1");

        bert[4 + 1] = 0;
        bert[3 * 4 * 2 + 3] = -5;
        file.get("train").put("text_bert", longs(new int[] {3, 3, 4}, bert));
        assertThatThrownBy(() -> read(file)).hasMessageContaining("sample 2 has token id -5.0 at position 3");
    }

    @Test
    void keysOfTheWrongKindAreNamed() {
        Map<String, Map<String, Object>> file = file();
        file.get("valid").put("id", floats(new int[] {2}, 1, 2));
        assertThatThrownBy(() -> read(file)).hasMessage("f.pkl, split 'valid', key 'id': expected the sample ids as "
                + "a str array [N] or a list of str, found a numpy array float32 [2]");

        file.get("valid").put("id", List.of("a", "b"));
        file.get("valid").put("text", floats(new int[] {2, 8}, new float[16]));
        assertThatThrownBy(() -> read(file)).hasMessage("f.pkl, split 'valid', key 'text': expected a numeric array "
                + "[N, T, D] with N = 2, found a numpy array float32 [2, 8]");

        file.get("valid").put("text", counting(0, 2, 4, 2));
        file.get("valid").put("regression_labels", List.of("positive", "negative"));
        assertThatThrownBy(() -> read(file)).hasMessage("f.pkl, split 'valid', key 'regression_labels': element 0 "
                + "is a str; expected a number");
    }

    @Test
    void anAlignedFileNeedsTheTextsSteps() {
        Map<String, Map<String, Object>> file = file();
        file.values().forEach(split -> split.remove("audio_lengths"));

        assertThatThrownBy(() -> read(file)).hasMessage("f.pkl, split 'train', key 'audio_lengths': is missing; an "
                + "aligned file (without lengths) needs 'audio' with the text's 4 steps, found float32 [3, 5, 2]");
    }

    @Test
    void requiredKeysAndTokensGivenTwiceAreRefused() {
        Map<String, Map<String, Object>> file = file();
        file.values().forEach(split -> split.remove("regression_labels"));
        assertThatThrownBy(() -> read(file)).hasMessageStartingWith("f.pkl, split 'train', key 'regression_labels': "
                + "is missing; the split has [id, raw_text,");

        Map<String, Map<String, Object>> both = file();
        both.get("train").put("token_ids", longs(new int[] {3, 4}, new long[12]));
        assertThatThrownBy(() -> read(both)).hasMessage("f.pkl, split 'train': has both 'text_bert' and 'token_ids'; "
                + "give the token ids once");
    }

    /** A float32 array [n, steps, 2] counting from 0, with {@code value} at sample {@code row}, step 1, feature 1. */
    private static Object framesWith(int n, int steps, int row, float value) {
        float[] values = new float[n * steps * 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        values[(row * steps + 1) * 2 + 1] = value;
        return floats(new int[] {n, steps, 2}, values);
    }

    @Test
    void nonFiniteTextAndVisionAreRefusedNamingTheFirstBadValueOfEachSplitAndKey() {
        Map<String, Map<String, Object>> file = file();
        file.get("train").put("vision", framesWith(3, Layouts.VISION_STEPS, 2, Float.NaN));
        file.get("test").put("text", framesWith(2, Layouts.TEXT_STEPS, 1, Float.NEGATIVE_INFINITY));

        assertThatThrownBy(() -> read(file)).hasMessage("f.pkl, split 'train', key 'vision': value NaN at sample 2, "
                + "step 1, feature 1 is not finite; only audio may hold non-finite values (read as 0, as MMSA does)\n"
                + "f.pkl, split 'test', key 'text': value -Infinity at sample 1, step 1, feature 1 is not finite; "
                + "only audio may hold non-finite values (read as 0, as MMSA does)");
    }

    @Test
    void nonFiniteAudioIsReadAsZero() {
        Map<String, Map<String, Object>> file = file();
        file.get("train").put("audio", framesWith(3, Layouts.AUDIO_STEPS, 2, Float.NaN));

        Sample sample = read(file).get(0).sample(2);

        assertThat(sample.frames(Modality.AUDIO).at(1, 1)).isZero();
    }

    @Test
    void labelsMustBeFiniteAndWithinTheirScale() {
        Map<String, Map<String, Object>> file = file();
        file.get("valid").put("regression_labels", floats(new int[] {2}, 0.5f, Float.NaN));
        file.get("test").put("regression_labels", List.of(3.0, -7.5));
        assertThatThrownBy(() -> read(file)).hasMessage("f.pkl, split 'valid', key 'regression_labels': label NaN "
                + "at sample 1 is not finite\nf.pkl, split 'test', key 'regression_labels': label -7.5 at sample 1 is "
                + "outside [-3, 3], MOSI and MOSEI's scale");

        // Within the tolerance of the scale's bounds is fine.
        Map<String, Map<String, Object>> rounded = file();
        rounded.get("test").put("regression_labels", List.of(3.005, -3.005));
        assertThat(read(rounded).get(2).sample(0).score()).isEqualTo(3.005f);
    }

    @Test
    void simsFilesKeepTheirLabelsWithinMinusOneAndOne() {
        Map<String, Map<String, Object>> file = withUnimodalLabels(file());
        file.get("train").put("regression_labels", List.of(0.0, 1.0, 1.5));
        file.get("valid").put("regression_labels_T", List.of(0.2, Double.POSITIVE_INFINITY));

        assertThatThrownBy(() -> FeatureFileReader.read("f.pkl", file, "sims", false, null))
                .hasMessage("f.pkl, split 'valid', "
                + "key 'regression_labels_T': label Infinity at sample 1 is not finite\n"
                + "f.pkl, split 'train', key 'regression_labels': label 1.5 at sample 2 is outside [-1, 1], SIMS' "
                + "scale");
    }

    @Test
    void theAutomaticScaleIsSimsOnlyForUnimodalLabelsWithinMinusOneAndOne() {
        Map<String, Map<String, Object>> sims = withUnimodalLabels(file());
        sims.get("train").put("regression_labels", List.of(0.0, 1.0, -0.8));
        Map<String, Map<String, Object>> shifted = withUnimodalLabels(file());
        shifted.get("test").put("regression_labels_T", List.of(2.5, -0.4));

        assertThat(FeatureFileReader.read("f.pkl", sims, "auto", false, null).scale()).isEqualTo(LabelScale.SIMS);
        assertThat(FeatureFileReader.read("f.pkl", shifted, "auto", false, null).scale()).isEqualTo(LabelScale.MOSI);
        assertThat(FeatureFileReader.read("f.pkl", file(), "auto", false, null).scale()).isEqualTo(LabelScale.MOSI);
        assertThat(FeatureFileReader.read("f.pkl", sims, "mosi", false, null).scale()).isEqualTo(LabelScale.MOSI);
        assertThat(FeatureFileReader.read("f.pkl", shifted, "mosi", false, null).splits().get(2).sample(0)
                .modalityScores())
                .containsEntry(Modality.TEXT, 2.5f);
        assertThatThrownBy(() -> FeatureFileReader.read("f.pkl", shifted, "sims", false, null))
                .hasMessage("f.pkl, split 'test', key 'regression_labels_T': label 2.5 at sample 0 is outside "
                        + "[-1, 1], SIMS' scale");
    }

    /** Every split with {@code regression_labels_T} 0.2, −0.4, 0.6 (as many as its samples). */
    private static Map<String, Map<String, Object>> withUnimodalLabels(Map<String, Map<String, Object>> file) {
        file.values().forEach(split -> split.put("regression_labels_T", List.of(0.2, -0.4, 0.6).subList(0,
                size(split))));
        return file;
    }

    @Test
    void anEmptySplitIsRefused() {
        Map<String, Map<String, Object>> file = file();
        file.put("valid", Layouts.split("va", 0));

        assertThatThrownBy(() -> read(file)).hasMessage("f.pkl, split 'valid', key 'id': the split has no samples; "
                + "every split needs at least one");
    }
}
