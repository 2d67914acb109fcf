package io.mosaic.runtime.data.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.api.data.Modality;
import io.mosaic.runtime.data.Frames;
import io.mosaic.runtime.data.Sample;
import io.mosaic.runtime.data.npz.DType;
import io.mosaic.runtime.data.testbed.Testbed;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.Split;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MmsaColumnsTest {

    /** A sample of 5 text positions, 3 of them real: [CLS] 120 [SEP] [PAD] [PAD]. */
    private static Sample sample(float score) {
        Frames text = new Frames(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 5, 2, 3);
        Frames audio = new Frames(new float[] {0.5f, -0.5f, 0}, 3, 1, 2);
        Frames vision = new Frames(new float[] {9, 8}, 1, 2, 1);
        return new Sample("s/1", score, 0, new int[] {101, 120, 102, 0, 0},
                Map.of(Modality.TEXT, text, Modality.AUDIO, audio, Modality.VISION, vision));
    }

    @Test
    void theLayoutHasMmsasKeysTypesAndRowShapes() {
        List<Column> columns = MmsaColumns.of(Testbed.preset("tiny", 1), 9);

        assertThat(columns).extracting(Column::key).containsExactly("raw_text", "id", "text", "text_bert", "audio",
                "vision", "audio_lengths", "vision_lengths", "annotations", "classification_labels",
                "regression_labels", "regression_labels_T", "regression_labels_A", "regression_labels_V");
        assertThat(columns.get(0).dtype().toString()).isEqualTo("<U59");
        assertThat(columns.get(1).dtype().toString()).isEqualTo("<U9");
        assertThat(columns.get(2).rowShape()).containsExactly(12, 8);
        assertThat(columns.get(3).dtype()).isEqualTo(DType.INT64);
        assertThat(columns.get(3).rowShape()).containsExactly(3, 12);
        assertThat(columns.get(5).rowShape()).containsExactly(24, 6);
        assertThat(columns.get(6).rowShape()).isEmpty();
        assertThat(columns.get(9).dtype()).isEqualTo(DType.FLOAT32);
        assertThat(columns.get(0).shape(7)).containsExactly(7);
        assertThat(columns.get(2).shape(7)).containsExactly(7, 12, 8);
    }

    @Test
    void rawTextIsAsWideAsItsLongestPossibleValue() {
        // 12 positions of "w" + 3 digits (ids up to 199), 11 spaces: 12·4 + 11 = 59.
        assertThat(MmsaColumns.rawTextWidth(12, 200)).isEqualTo(59);
        assertThat(MmsaColumns.rawTextWidth(50, 2001)).isEqualTo(50 * 5 + 49);
    }

    @Test
    void rawTextNamesTheRealWordsAndSkipsSpecialTokens() {
        assertThat(MmsaColumns.rawText(sample(1))).isEqualTo("w120");
    }

    @Test
    void classificationIsTheSignPlusOne() {
        assertThat(MmsaColumns.classification(sample(-0.2f))).isEqualTo(0);
        assertThat(MmsaColumns.classification(sample(0f))).isEqualTo(1);
        assertThat(MmsaColumns.classification(sample(2.5f))).isEqualTo(2);
    }

    @Test
    void rowsHoldTheSamplesValues() {
        Map<String, Column> columns = byKey(MmsaColumns.of(new ShapedDataset(200), 3));

        long[] textBert = new long[15];
        row(columns.get("text_bert"), sample(1)).asLongBuffer().get(textBert);
        assertThat(textBert).containsExactly(101, 120, 102, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0);
        float[] audio = new float[3];
        row(columns.get("audio"), sample(1)).asFloatBuffer().get(audio);
        assertThat(audio).containsExactly(0.5f, -0.5f, 0f);
        assertThat(row(columns.get("audio_lengths"), sample(1)).getLong()).isEqualTo(2);
        assertThat(row(columns.get("regression_labels"), sample(-1.25f)).getFloat()).isEqualTo(-1.25f);
        assertThat(row(columns.get("classification_labels"), sample(-1.25f)).getFloat()).isEqualTo(0f);
        ByteBuffer id = row(columns.get("id"), sample(1));
        assertThat(new int[] {id.getInt(), id.getInt(), id.getInt()}).containsExactly('s', '/', '1');
        ByteBuffer annotation = row(columns.get("annotations"), sample(0f));
        assertThat(annotation.remaining()).isEqualTo(32);
        int[] neutral = new int[8];
        annotation.asIntBuffer().get(neutral);
        assertThat(neutral).containsExactly('N', 'e', 'u', 't', 'r', 'a', 'l', 0);
    }

    @Test
    void aDatasetWithoutTokenIdsHasNoMmsaLayout() {
        assertThatThrownBy(() -> MmsaColumns.of(new ShapedDataset(0), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shaped has no token ids; the MMSA layout's text_bert needs them");
    }

    private static ByteBuffer row(Column column, Sample sample) {
        ByteBuffer row = ByteBuffer.allocate((int) column.rowBytes()).order(ByteOrder.LITTLE_ENDIAN);
        column.writer().write(sample, row);
        assertThat(row.remaining()).isZero();
        return row.flip();
    }

    private static Map<String, Column> byKey(List<Column> columns) {
        return columns.stream().collect(Collectors.toMap(Column::key, c -> c));
    }

    /** The shapes of {@link #sample(float)}: text 5×2, audio 3×1, vision 1×2. */
    private static final class ShapedDataset implements Dataset {
        private final int vocabulary;

        ShapedDataset(int vocabulary) {
            this.vocabulary = vocabulary;
        }

        @Override
        public String description() {
            return "shaped";
        }

        @Override
        public Map<Modality, FeatureShape> shapes() {
            return Map.of(Modality.TEXT, FeatureShape.sequence(5, 2), Modality.AUDIO, FeatureShape.sequence(3, 1),
                    Modality.VISION, FeatureShape.sequence(1, 2));
        }

        @Override
        public int vocabulary() {
            return vocabulary;
        }

        @Override
        public List<String> splitNames() {
            return List.of();
        }

        @Override
        public Split split(String name) {
            throw new IllegalArgumentException("no splits");
        }
    }
}
