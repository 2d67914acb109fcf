package io.mosaic.runtime.data.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.Modality;
import io.mosaic.runtime.data.DataSource;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.Sample;
import io.mosaic.runtime.data.Split;
import io.mosaic.runtime.data.Vocabulary;
import io.mosaic.runtime.data.mmsa.FeatureFile;
import io.mosaic.runtime.data.mmsa.MmsaSource;
import io.mosaic.runtime.data.mmsa.NpzSource;
import io.mosaic.runtime.data.npz.NdArray;
import io.mosaic.runtime.data.npz.NumericArray;
import io.mosaic.runtime.data.npz.TextArray;
import io.mosaic.runtime.data.testbed.DomainSplit;
import io.mosaic.runtime.data.testbed.SplitSizes;
import io.mosaic.runtime.data.testbed.Testbed;
import io.mosaic.runtime.data.testbed.TestbedConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MmsaExportTest {

    /** Tiny, 12/5/4 samples, train and valid from domains 0 and 1, test from domain 2. */
    static final Testbed TESTBED = new Testbed(TestbedConfig.preset("tiny").withSplits(new SplitSizes(12, 5, 4))
            .withDomainSplit(new DomainSplit(List.of(0, 1), List.of(2))), 9);

    @TempDir
    Path dir;

    @Test
    void aPickleReadsBackAsTheSameSamples() {
        Path file = dir.resolve("tiny.pkl");

        long bytes = MmsaExport.write(TESTBED, file, 2);

        assertThat(bytes).isEqualTo(size(file));
        assertSameSamples(open(new MmsaSource(), file), TESTBED);
    }

    @Test
    void anNpzReadsBackAsTheSameSamples() {
        Path file = dir.resolve("tiny.npz");

        MmsaExport.write(TESTBED, file, 2);

        assertSameSamples(open(new NpzSource(), file), TESTBED);
    }

    @Test
    void theFileHoldsMmsasKeysWithTheirTypesShapesAndLabels() {
        Path file = dir.resolve("tiny.pkl");
        MmsaExport.write(TESTBED, file, 1);

        Map<String, Object> train = FeatureFile.read(file).values().get("train");

        assertThat(train.keySet()).containsExactly("raw_text", "id", "text", "text_bert", "audio", "vision",
                "audio_lengths", "vision_lengths", "annotations", "classification_labels", "regression_labels",
                "regression_labels_T", "regression_labels_A", "regression_labels_V");
        assertThat(describe(train)).containsExactly("<U59 [12]", "<U8 [12]", "float32 [12, 12, 8]",
                "int64 [12, 3, 12]", "float32 [12, 20, 4]", "float32 [12, 24, 6]", "int64 [12]", "int64 [12]",
                "<U8 [12]", "float32 [12]", "float32 [12]", "float32 [12]", "float32 [12]", "float32 [12]");
        Split split = TESTBED.split("train");
        for (int i = 0; i < split.size(); i++) {
            Sample sample = split.sample(i);
            int sign = (int) Math.signum(sample.score());
            assertThat(((TextArray) train.get("raw_text")).get(i)).isEqualTo(words(sample));
            assertThat(((TextArray) train.get("annotations")).get(i))
                    .isEqualTo(List.of("Negative", "Neutral", "Positive").get(sign + 1));
            assertThat(((NumericArray) train.get("classification_labels")).get(i)).isEqualTo(sign + 1.0);
            // text_bert row 2 (segment ids) is all zeros.
            for (int t = 0; t < 12; t++) {
                assertThat(((NumericArray) train.get("text_bert")).get((3L * i + 2) * 12 + t)).isZero();
            }
        }
    }

    @Test
    void modalitySpecificScoresReadBackAsUnimodalLabelsOnMosisScale() {
        TestbedConfig tiny = TESTBED.config();
        Testbed shifted = new Testbed(tiny.withPlanting(tiny.planting().withUnimodalShift(1.0)), 9);
        for (String name : List.of("shifted.pkl", "shifted.npz")) {
            Path file = dir.resolve(name);
            MmsaExport.write(shifted, file, 2);

            Dataset read = open(name.endsWith(".pkl") ? new MmsaSource() : new NpzSource(), file);

            assertSameSamples(read, shifted);
            assertThat(read.unimodalLabels()).containsExactly(Modality.values());
            assertThat(read.simsScale()).as("y_s lie in [-3, 3]: MOSI's scale and metrics").isFalse();
            Sample first = read.split("train").sample(0);
            assertThat(first.modalityScores().get(Modality.AUDIO)).isNotEqualTo(first.score());
        }
    }

    @Test
    void theBytesDoNotDependOnTheNumberOfThreads() throws IOException {
        for (String name : List.of("a.pkl", "a.npz")) {
            Path one = dir.resolve("one-" + name);
            Path four = dir.resolve("four-" + name);

            MmsaExport.write(TESTBED, one, 1);
            MmsaExport.write(TESTBED, four, 4);

            assertThat(Files.mismatch(one, four)).as(name).isEqualTo(-1);
        }
    }

    @Test
    void anOldFileIsReplacedAndNoPartialFileStays() throws IOException {
        Path file = Files.writeString(dir.resolve("tiny.npz"), "old");

        MmsaExport.write(TESTBED, file, 1);

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("tiny.npz");
        }
        assertThat(size(file)).isGreaterThan(3);
    }

    @Test
    void badFileNamesAreRefused() {
        assertThatThrownBy(() -> MmsaExport.write(TESTBED, dir.resolve("tiny.csv"), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(dir.resolve("tiny.csv") + ": expected a file name ending in .pkl (MMSA pickle) or .npz");
        assertThatThrownBy(() -> MmsaExport.write(TESTBED, dir.resolve("missing/tiny.pkl"), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist");
    }

    /** Every split, sample and value of {@code read} equals the testbed's (the file stores no domains). */
    static void assertSameSamples(Dataset read, Testbed expected) {
        assertThat(read.splitNames()).containsExactlyElementsOf(expected.splitNames());
        assertThat(read.shapes()).isEqualTo(expected.shapes());
        for (String name : expected.splitNames()) {
            Split written = expected.split(name);
            Split split = read.split(name);
            assertThat(split.size()).isEqualTo(written.size());
            for (int i = 0; i < written.size(); i++) {
                Sample want = written.sample(i);
                Sample got = split.sample(i);
                assertThat(got.id()).isEqualTo(want.id());
                assertThat(got.score()).isEqualTo(want.score());
                assertThat(got.tokenIds()).containsExactly(want.tokenIds());
                assertThat(got.modalityScores()).isEqualTo(want.modalityScores());
                for (Modality modality : Modality.values()) {
                    assertThat(got.frames(modality).length()).as("%s %s", want.id(), modality)
                            .isEqualTo(want.frames(modality).length());
                    assertThat(got.frames(modality).values()).as("%s %s", want.id(), modality)
                            .containsExactly(want.frames(modality).values());
                }
            }
        }
    }

    static Dataset open(DataSource source, Path file) {
        return source.open(Parameters.of(source.parameters(), Map.of("file", file.toString())), 0);
    }

    private static List<String> describe(Map<String, Object> values) {
        return values.values().stream()
                .map(v -> ((NdArray) v).dtype() + " " + Arrays.toString(((NdArray) v).shape())).toList();
    }

    /** The sample's real, non-special token ids as {@code w<id>} words. */
    private static String words(Sample sample) {
        return Arrays.stream(sample.tokenIds(), 0, sample.frames(Modality.TEXT).length())
                .filter(id -> !Vocabulary.isSpecial(id)).mapToObj(id -> "w" + id).collect(Collectors.joining(" "));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
