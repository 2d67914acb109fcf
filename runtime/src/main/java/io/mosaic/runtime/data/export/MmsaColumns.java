package io.mosaic.runtime.data.export;

import io.mosaic.api.data.Modality;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.Sample;
import io.mosaic.runtime.data.Vocabulary;
import io.mosaic.runtime.data.mmsa.FeatureKeys;
import io.mosaic.runtime.data.npz.DType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/**
 * The arrays of one split in MMSA's feature layout (mmsa.md section 2), N samples, L text positions:
 * <table>
 *   <caption>Columns</caption>
 *   <tr><th>key</th><th>shape, type</th><th>content</th></tr>
 *   <tr><td>{@code raw_text}</td><td>[N] unicode</td><td>the words of the token ids, {@code w<id>} separated by
 *       spaces, special tokens left out</td></tr>
 *   <tr><td>{@code id}</td><td>[N] unicode</td><td>the sample id</td></tr>
 *   <tr><td>{@code text}</td><td>[N, L, d_l] float32</td><td>token features</td></tr>
 *   <tr><td>{@code text_bert}</td><td>[N, 3, L] int64</td><td>token ids, attention mask (1 over the true length),
 *       zero segment ids</td></tr>
 *   <tr><td>{@code audio}, {@code vision}</td><td>[N, T, d] float32</td><td>frames</td></tr>
 *   <tr><td>{@code audio_lengths}, {@code vision_lengths}</td><td>[N] int64</td><td>true lengths</td></tr>
 *   <tr><td>{@code annotations}</td><td>[N] unicode</td><td>{@code Negative}, {@code Neutral} or
 *       {@code Positive}: the score's sign</td></tr>
 *   <tr><td>{@code classification_labels}</td><td>[N] float32</td><td>sign(score) + 1</td></tr>
 *   <tr><td>{@code regression_labels}</td><td>[N] float32</td><td>the score</td></tr>
 *   <tr><td>{@code regression_labels_T}, {@code _A}, {@code _V}</td><td>[N] float32</td><td>the unimodal scores,
 *       as SIMS files have them, for each modality whose samples carry one ({@link Dataset#unimodalLabels()})</td></tr>
 * </table>
 * Unicode arrays are as wide as their longest possible value, so every row has a known size.
 */
final class MmsaColumns {
    private static final List<String> ANNOTATIONS = List.of("Negative", "Neutral", "Positive");
    private static final int ANNOTATION_WIDTH = 8;

    private MmsaColumns() {
    }

    /**
     * @param dataset the split's dataset, whose samples carry token ids
     * @param idWidth the length of the split's longest sample id
     */
    static List<Column> of(Dataset dataset, int idWidth) {
        if (dataset.vocabulary() == 0) {
            throw new IllegalArgumentException(dataset.description() + " has no token ids; the MMSA layout's "
                    + "text_bert needs them");
        }
        FeatureShape text = dataset.shapes().get(Modality.TEXT);
        FeatureShape audio = dataset.shapes().get(Modality.AUDIO);
        FeatureShape vision = dataset.shapes().get(Modality.VISION);
        int rawTextWidth = rawTextWidth(text.steps(), dataset.vocabulary());
        List<Column> columns = new ArrayList<>(List.of(
                unicode("raw_text", rawTextWidth, MmsaColumns::rawText),
                unicode("id", Math.max(1, idWidth), Sample::id),
                frames("text", Modality.TEXT, text),
                new Column("text_bert", DType.INT64, new int[] {3, text.steps()}, MmsaColumns::textBert),
                frames("audio", Modality.AUDIO, audio),
                frames("vision", Modality.VISION, vision),
                int64("audio_lengths", sample -> sample.frames(Modality.AUDIO).length()),
                int64("vision_lengths", sample -> sample.frames(Modality.VISION).length()),
                unicode("annotations", ANNOTATION_WIDTH, sample -> ANNOTATIONS.get(classification(sample))),
                float32("classification_labels", MmsaColumns::classification),
                float32("regression_labels", Sample::score)));
        for (Modality modality : dataset.unimodalLabels()) {
            columns.add(float32(FeatureKeys.MODALITY_LABELS.get(modality), s -> s.modalityScores().get(modality)));
        }
        return List.copyOf(columns);
    }

    /** The most characters {@code raw_text} takes: every position a word of the longest id, plus the spaces. */
    static int rawTextWidth(int steps, int vocabulary) {
        int word = 1 + Integer.toString(vocabulary - 1).length();
        return steps * word + steps - 1;
    }

    /** The words {@code w<id>} of the tokens within the true length, special tokens left out. */
    static String rawText(Sample sample) {
        int[] ids = sample.tokenIds();
        StringBuilder text = new StringBuilder();
        for (int t = 0; t < sample.frames(Modality.TEXT).length(); t++) {
            if (!Vocabulary.isSpecial(ids[t])) {
                text.append(text.isEmpty() ? "" : " ").append('w').append(ids[t]);
            }
        }
        return text.toString();
    }

    /** MMSA's 3 classes: sign(score) + 1, that is 0 negative, 1 neutral (exactly 0), 2 positive. */
    static int classification(Sample sample) {
        return (int) Math.signum(sample.score()) + 1;
    }

    /** Row 0 the token ids, row 1 the attention mask, row 2 zeros. */
    private static void textBert(Sample sample, ByteBuffer row) {
        int[] ids = sample.tokenIds();
        int length = sample.frames(Modality.TEXT).length();
        for (int id : ids) {
            row.putLong(id);
        }
        for (int t = 0; t < ids.length; t++) {
            row.putLong(t < length ? 1 : 0);
        }
        for (int t = 0; t < ids.length; t++) {
            row.putLong(0);
        }
    }

    private static Column frames(String key, Modality modality, FeatureShape shape) {
        return new Column(key, DType.FLOAT32, new int[] {shape.steps(), shape.dim()}, (sample, row) -> {
            float[] values = sample.frames(modality).values();
            row.asFloatBuffer().put(values);
            row.position(row.position() + Float.BYTES * values.length);
        });
    }

    private static Column int64(String key, ToIntFunction<Sample> value) {
        return new Column(key, DType.INT64, new int[0], (sample, row) -> row.putLong(value.applyAsInt(sample)));
    }

    private static Column float32(String key, ToDoubleFunction<Sample> value) {
        return new Column(key, DType.FLOAT32, new int[0],
                (sample, row) -> row.putFloat((float) value.applyAsDouble(sample)));
    }

    /** UCS-4 code points, padded with zeros to {@code width} characters, as NumPy stores {@code <U width}. */
    private static Column unicode(String key, int width, Function<Sample, String> value) {
        return new Column(key, new DType(DType.Kind.UNICODE, 4 * width), new int[0], (sample, row) -> {
            String text = value.apply(sample);
            int[] codePoints = text.codePoints().toArray();
            if (codePoints.length > width) {
                throw new IllegalStateException(key + " of sample " + sample.id() + " has " + codePoints.length
                        + " characters, more than the column's " + width);
            }
            for (int c = 0; c < width; c++) {
                row.putInt(c < codePoints.length ? codePoints[c] : 0);
            }
        });
    }
}
