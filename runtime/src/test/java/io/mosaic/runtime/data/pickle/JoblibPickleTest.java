package io.mosaic.runtime.data.pickle;

import static io.mosaic.runtime.data.pickle.SafeUnpicklerTest.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.mmsa.FeatureFile;
import io.mosaic.runtime.data.npz.NumericArray;
import io.mosaic.runtime.data.npz.TextArray;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written by {@code joblib.dump} (make-joblib-fixtures.py beside the fixtures, joblib 1.2.0). */
class JoblibPickleTest {

    @TempDir
    Path dir;

    @Test
    void aJoblibDumpReadsIdenticallyToThePlainPickleOfTheSameArrays() {
        Object joblib = SafeUnpickler.load(resource("joblib-mmsa.pkl"));
        Object plain = SafeUnpickler.load(resource("joblib-mmsa-plain.pkl"));

        assertThat(plain(joblib)).isEqualTo(plain(plain));
        Map<?, ?> train = (Map<?, ?>) ((Map<?, ?>) joblib).get("train");
        List<Object> keys = List.copyOf(train.keySet());
        assertThat(keys).containsExactly("raw_text", "id", "text", "text_bert", "audio", "vision",
                "audio_lengths", "vision_lengths", "regression_labels", "annotations", "flags");
        // Values printed by joblib.load from the fixture.
        assertThat(((TextArray) train.get("raw_text")).get(0)).isEqualTo("tr sample 0, said \"é\"");
        NumericArray text = (NumericArray) train.get("text");
        assertThat(text.describe()).isEqualTo("float32 [4, 6, 4]");
        assertThat(text.get(0)).isEqualTo(-0.3187125, within(1e-7));
        assertThat(text.get(3)).isEqualTo(0.31315738, within(1e-7));
        assertThat(train.get("vision_lengths")).isEqualTo(List.of(1L, 5L, 1L, 4L));
    }

    @Test
    void anMmsaSourceOpensAJoblibDumpAsItsPlainPickle() {
        Dataset joblib = FeatureFile.read(resource("joblib-mmsa.pkl")).dataset();
        Dataset plain = FeatureFile.read(resource("joblib-mmsa-plain.pkl")).dataset();

        for (String split : List.of("train", "valid", "test")) {
            assertThat(joblib.split(split).size()).isEqualTo(plain.split(split).size()).isPositive();
            for (int i = 0; i < joblib.split(split).size(); i++) {
                int[] ids = plain.split(split).sample(i).tokenIds();
                assertThat(joblib.split(split).sample(i).tokenIds()).isEqualTo(ids);
            }
        }
        assertThat(joblib.split("train").sample(0).tokenIds()[0]).isEqualTo(101);
    }

    @Test
    void anyOtherObjectInAJoblibFileIsRefusedByName() {
        Path file = resource("joblib-other-object.pkl");

        assertThatThrownBy(() -> SafeUnpickler.load(file))
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("refused pickled global 'collections.OrderedDict'");
    }

    @Test
    void aWrapperClaimingTerabytesIsRefusedWithoutAllocatingThem() {
        Path file = resource("joblib-huge-claim.pkl");

        assertThatThrownBy(() -> SafeUnpickler.load(file))
                .hasMessageStartingWith(file + ": truncated or corrupt pickle")
                .hasMessageContaining("a value of 4398046511104 bytes, but the file has 257 left");
    }

    @Test
    void everyTruncationOfAJoblibFileIsRefusedNamingTheFile() throws IOException {
        byte[] whole = Files.readAllBytes(resource("joblib-mmsa.pkl"));
        for (int cut = 1; cut < whole.length; cut += 97) {
            Path file = dir.resolve("cut-" + cut + ".pkl");
            Files.write(file, Arrays.copyOf(whole, cut));

            assertThatThrownBy(() -> SafeUnpickler.load(file)).as("cut at %d", cut)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(file.toString());
        }
    }

    @Test
    void theWrapperOnlyWrapsNdarrays() throws IOException {
        Path matrix = dir.resolve("dtype-subclass.pkl");
        byte[] whole = Files.readAllBytes(resource("joblib-mmsa.pkl"));
        Files.write(matrix, replaceFirst(whole, "\u008c\u0007ndarray", "\u008c\u0005dtype"));

        assertThatThrownBy(() -> SafeUnpickler.load(matrix))
                .hasMessageStartingWith(matrix.toString())
                .hasMessageContaining("NumpyArrayWrapper's subclass must be numpy.ndarray");
    }

    @Test
    void aCompressedJoblibFileIsNamedAsSuch() throws IOException {
        Path file = dir.resolve("compressed.pkl");
        Files.write(file, new byte[] {0x78, (byte) 0x9c, 1, 2, 3});

        assertThatThrownBy(() -> SafeUnpickler.load(file))
                .hasMessageContaining("a compressed joblib file? joblib.dump it with compress=0");
    }

    /** The value with arrays as (dtype and shape, elements), so that equal arrays compare equal. */
    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> List.of(e.getKey(), plain(e.getValue()))).toList();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(JoblibPickleTest::plain).toList();
        }
        if (value instanceof NumericArray array) {
            double[] elements = new double[(int) array.size()];
            Arrays.setAll(elements, i -> array.get(i));
            return List.of(array.describe(), Arrays.toString(elements));
        }
        if (value instanceof TextArray array) {
            String[] elements = new String[(int) array.size()];
            Arrays.setAll(elements, array::get);
            return List.of(array.describe(), List.of(elements));
        }
        return value;
    }

    private static byte[] replaceFirst(byte[] bytes, String from, String to) {
        byte[] target = from.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i + target.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + target.length, target, 0, target.length)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(bytes, 0, i);
                out.writeBytes(to.getBytes(StandardCharsets.ISO_8859_1));
                out.write(bytes, i + target.length, bytes.length - i - target.length);
                return out.toByteArray();
            }
        }
        throw new IllegalArgumentException("not found: " + from);
    }
}
