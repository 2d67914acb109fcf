package io.mosaic.runtime.data.mmsa;

import io.mosaic.runtime.data.npz.ByteData;
import io.mosaic.runtime.data.npz.DType;
import io.mosaic.runtime.data.npz.NumericArray;
import io.mosaic.runtime.data.npz.TextArray;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small in-memory feature files in the MMSA layout, and the test resources. */
final class Layouts {
    static final int TEXT_STEPS = 4;
    static final int TEXT_DIM = 2;
    static final int AUDIO_STEPS = 5;
    static final int VISION_STEPS = 3;

    private Layouts() {
    }

    static Path resource(String name) {
        try {
            return Path.of(Layouts.class.getResource("/data/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A float32 array whose element i (C order) is {@code start + i}. */
    static NumericArray counting(float start, int... shape) {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = start + i;
        }
        return floats(shape, values);
    }

    static NumericArray floats(int[] shape, float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buffer.putFloat(v);
        }
        return new NumericArray(DType.FLOAT32, shape, ByteData.wrap(buffer.array()));
    }

    static NumericArray longs(int[] shape, long... values) {
        ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            buffer.putLong(v);
        }
        return new NumericArray(DType.INT64, shape, ByteData.wrap(buffer.array()));
    }

    /**
     * A valid unaligned split of {@code n} samples named {@code prefix0, prefix1, ...}: text 4x2, audio 5x2,
     * vision 3x2; sample i has i + 2 real tokens ([CLS] 1000+i [SEP] ...), audio length i + 1, vision length
     * min(i + 1, 3), score i / 2.
     */
    static Map<String, Object> split(String prefix, int n) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        long[] bert = new long[n * 3 * TEXT_STEPS];
        List<Long> audioLengths = new ArrayList<>();
        List<Long> visionLengths = new ArrayList<>();
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) {
            ids.add(prefix + i);
            int length = Math.min(i + 2, TEXT_STEPS);
            for (int t = 0; t < length; t++) {
                bert[i * 3 * TEXT_STEPS + t] = t == 0 ? 101 : t == length - 1 ? 102 : 1000 + i;
                bert[i * 3 * TEXT_STEPS + TEXT_STEPS + t] = 1;
            }
            audioLengths.add((long) i + 1);
            visionLengths.add((long) Math.min(i + 1, VISION_STEPS));
            scores[i] = i / 2f;
        }
        values.put("id", TextArray.objects(new int[] {n}, ids));
        values.put("raw_text", ids);
        values.put("text", counting(0, n, TEXT_STEPS, TEXT_DIM));
        values.put("text_bert", longs(new int[] {n, 3, TEXT_STEPS}, bert));
        values.put("audio", counting(100, n, AUDIO_STEPS, 2));
        values.put("vision", counting(-100, n, VISION_STEPS, 2));
        values.put("audio_lengths", audioLengths);
        values.put("vision_lengths", visionLengths);
        values.put("regression_labels", floats(new int[] {n}, scores));
        return values;
    }

    /** The number of samples of a split made by {@link #split}. */
    static int size(Map<String, Object> split) {
        return ((List<?>) split.get("raw_text")).size();
    }

    /** A valid file with 3, 2 and 2 samples; ids are unique across splits. */
    static Map<String, Map<String, Object>> file() {
        Map<String, Map<String, Object>> file = new LinkedHashMap<>();
        file.put("train", split("tr", 3));
        file.put("valid", split("va", 2));
        file.put("test", split("te", 2));
        return file;
    }
}
