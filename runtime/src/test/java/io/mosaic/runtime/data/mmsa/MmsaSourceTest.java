package io.mosaic.runtime.data.mmsa;

import static io.mosaic.runtime.data.mmsa.Layouts.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.Frames;
import io.mosaic.runtime.data.Sample;
import io.mosaic.runtime.data.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MmsaSourceTest {
    private static final MmsaSource SOURCE = new MmsaSource();

    @TempDir
    Path dir;

    static Dataset open(Path file) {
        return SOURCE.open(Parameters.of(SOURCE.parameters(), Map.of("file", file.toString())), 1);
    }

    @Test
    void declaresItsParameters() {
        assertThat(SOURCE.name()).isEqualTo("mmsa");
        assertThat(SOURCE.parameters().find("file").orElseThrow().defaultValue()).as("or files").isEqualTo("");
        assertThat(SOURCE.parameters().find("files").orElseThrow().defaultValue()).isEqualTo(List.of());
        assertThat(SOURCE.parameters().find("labels").orElseThrow().defaultValue()).isEqualTo("scores");
        assertThat(SOURCE.parameters().find("text").orElseThrow().defaultValue()).isEqualTo("features");
        assertThat(SOURCE.parameters().find("split-file").orElseThrow().defaultValue()).isEqualTo("");
    }

    @Test
    void opensTheMosiLikeFixture() {
        Dataset dataset = open(resource("mmsa-mosi-like-tiny.pkl"));

        assertThat(dataset.description()).isEqualTo("mmsa mmsa-mosi-like-tiny.pkl");
        assertThat(dataset.splitNames()).containsExactly("train", "valid", "test");
        assertThat(dataset.split("train").size()).isEqualTo(6);
        assertThat(dataset.split("valid").size()).isEqualTo(3);
        assertThat(dataset.split("test").size()).isEqualTo(3);
        assertThat(dataset.shapes()).isEqualTo(Map.of(Modality.TEXT, FeatureShape.sequence(50, 768),
                Modality.AUDIO, FeatureShape.sequence(375, 5), Modality.VISION, FeatureShape.sequence(500, 20)));
        // The largest token id of the file is 2991 (numpy: max of text_bert[:, 0] over the splits).
        assertThat(dataset.vocabulary()).isEqualTo(2992);
    }

    @Test
    void readsTheFixturesValuesLengthsAndTokens() {
        // Expected values printed with numpy 2.4 from mmsa-mosi-like-tiny.pkl, e.g. d['train']['text'][0, 0, :3],
        // d['train']['text_bert'][:, 1].sum(1) == [46, 32, 35, 44, 30, 39], d['train']['audio_lengths'].
        Split train = open(resource("mmsa-mosi-like-tiny.pkl")).split("train");
        Sample first = train.sample(0);
        Sample second = train.sample(1);

        assertThat(first.id()).isEqualTo("vid0$_$0");
        assertThat(second.score()).isEqualTo(0.2f);
        assertThat(train.sample(2).score()).isEqualTo(3f);
        Frames text = first.frames(Modality.TEXT);
        assertThat(Arrays.copyOf(text.values(), 3)).containsExactly(-0.20593033730983734f, 0.7024629712104797f,
                0.5199076533317566f);
        assertThat(train.sample(2).frames(Modality.TEXT).at(10, 100)).isEqualTo(1.0385334491729736f);
        assertThat(second.frames(Modality.AUDIO).at(0, 1)).isEqualTo(1.4226094484329224f);
        assertThat(first.frames(Modality.VISION).at(0, 0)).isEqualTo(0.860162079334259f);
        assertThat(Arrays.stream(new int[] {0, 1, 2, 3, 4, 5}).map(i -> train.sample(i).frames(Modality.TEXT)
                .length())).containsExactly(46, 32, 35, 44, 30, 39);
        assertThat(Arrays.stream(new int[] {0, 1, 2, 3, 4, 5}).map(i -> train.sample(i).frames(Modality.AUDIO)
                .length())).containsExactly(336, 68, 38, 333, 10, 27);
        assertThat(Arrays.stream(new int[] {0, 1, 2, 3, 4, 5}).map(i -> train.sample(i).frames(Modality.VISION)
                .length())).containsExactly(409, 108, 148, 362, 274, 31);
        assertThat(Arrays.copyOf(first.tokenIds(), 5)).containsExactly(101, 2667, 1450, 1111, 1600);
        assertThat(Arrays.copyOfRange(first.tokenIds(), 44, 50)).containsExactly(1071, 102, 0, 0, 0, 0);
        assertThat(first.modalityScores()).isEmpty();
        assertThat(first.domain()).isZero();
    }

    @Test
    void readsANumpy2Protocol5Float64File() {
        // mmsa-numpy2-p5-f64.pkl: numpy._core.numeric._frombuffer arrays of float64; values printed with numpy.
        Dataset dataset = open(resource("mmsa-numpy2-p5-f64.pkl"));
        Split train = dataset.split("train");

        assertThat(dataset.shapes()).isEqualTo(Map.of(Modality.TEXT, FeatureShape.sequence(6, 8),
                Modality.AUDIO, FeatureShape.sequence(10, 3), Modality.VISION, FeatureShape.sequence(7, 4)));
        assertThat(Arrays.copyOf(train.sample(1).frames(Modality.TEXT).values(), 3))
                .containsExactly(-0.5133744478225708f, 1.1734987497329712f, -0.8091351985931396f);
        assertThat(train.sample(3).frames(Modality.AUDIO).at(9, 2)).isEqualTo(-0.0034375463146716356f);
        assertThat(train.sample(2).frames(Modality.VISION).at(6, 3)).isEqualTo(-1.4273619651794434f);
        assertThat(train.sample(1).tokenIds()).containsExactly(101, 102, 0, 0, 0, 0);
        assertThat(train.sample(3).frames(Modality.TEXT).length()).isEqualTo(6);
        assertThat(train.sample(2).frames(Modality.AUDIO).length()).isEqualTo(3);
        assertThat(train.sample(2).frames(Modality.VISION).length()).isEqualTo(1);
        assertThat(train.sample(1).score()).isEqualTo(2.4f);
        assertThat(dataset.split("test").sample(1).id()).isEqualTo("te1$_$1");
        // The largest token id is 2891.
        assertThat(dataset.vocabulary()).isEqualTo(2892);
    }

    @Test
    void anAlignedFileTakesTheTextLengthsForAudioAndVision() {
        // mmsa-aligned-p4.pkl: no *_lengths; mask sums are [3, 3, 4] (train) and [5, 3] (valid). Its top-level
        // 'config' (as MMSA-FET writes) is ignored.
        Dataset dataset = open(resource("mmsa-aligned-p4.pkl"));

        assertThat(dataset.shapes().get(Modality.AUDIO)).isEqualTo(FeatureShape.sequence(5, 3));
        Sample sample = dataset.split("train").sample(2);
        assertThat(sample.frames(Modality.TEXT).length()).isEqualTo(4);
        assertThat(sample.frames(Modality.AUDIO).length()).isEqualTo(4);
        assertThat(sample.frames(Modality.VISION).length()).isEqualTo(4);
        assertThat(dataset.split("valid").sample(0).frames(Modality.VISION).length()).isEqualTo(5);
        assertThat(dataset.split("train").sample(1).frames(Modality.AUDIO).at(4, 2)).isEqualTo(1.6440260410308838f);
    }

    @Test
    void aSimsLikeFileKeepsUnimodalLabelsAndZeroesNonFiniteAudio() {
        // mmsa-sims-like-p2.pkl (protocol 2): train audio[0, 0] == [-inf, 0.90208673], audio[0, 1] == [0.08161145,
        // nan]; regression_labels_A == [-0.8, 0.4, -1.0]; labels == [-0.1, 0.2, 0.1].
        Dataset dataset = open(resource("mmsa-sims-like-p2.pkl"));
        Split train = dataset.split("train");
        Sample sample = train.sample(0);

        assertThat(dataset.simsScale()).isTrue();
        assertThat(dataset.unimodalLabels()).containsExactly(Modality.TEXT, Modality.AUDIO, Modality.VISION);
        Frames audio = sample.frames(Modality.AUDIO);

        assertThat(new float[] {audio.at(0, 0), audio.at(0, 1), audio.at(1, 0), audio.at(1, 1)})
                .containsExactly(0f, 0.9020867347717285f, 0.08161145448684692f, 0f);
        assertThat(sample.score()).isEqualTo(-0.1f, within(0f));
        assertThat(sample.modalityScores()).isEqualTo(Map.of(Modality.TEXT, 0f, Modality.AUDIO, -0.8f,
                Modality.VISION, -1f));
        assertThat(train.sample(1).modalityScores().get(Modality.AUDIO)).isEqualTo(0.4f);
        assertThat(audio.length()).isEqualTo(6);
        assertThat(train.sample(1).frames(Modality.VISION).length()).isEqualTo(3);
    }

    @Test
    void truncatedAndRandomFilesFailNamingTheFile() throws IOException {
        byte[] whole = Files.readAllBytes(resource("mmsa-mosi-like-tiny.pkl"));
        Path truncated = dir.resolve("truncated.pkl");
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
        Path noise = dir.resolve("noise.pkl");
        byte[] bytes = new byte[10_000];
        new Random(3).nextBytes(bytes);
        Files.write(noise, bytes);

        assertThatThrownBy(() -> open(truncated)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(truncated + ": truncated or corrupt pickle");
        assertThatThrownBy(() -> open(noise))
                .hasMessageStartingWith(noise + ": at byte 0: not a pickle of protocol 2 to 5");
        assertThatThrownBy(() -> open(dir.resolve("absent.pkl"))).hasMessage(dir.resolve("absent.pkl")
                + ": no such file");
    }

    @Test
    void aMaliciousFileIsRefused() {
        Path file = resource("malicious-eval-in-split-p4.pkl");

        assertThatThrownBy(() -> open(file)).hasMessageContaining("refused pickled global 'builtins.eval'");
    }

    @Test
    void aPickleWithoutTheSplitsIsNamed() {
        Path file = resource("numpy-types-p4.pkl");

        assertThatThrownBy(() -> open(file)).hasMessage(file + ": has no split 'train'; expected [train, valid, test], "
                + "found []");
    }

    @Test
    void unknownSplitsAndIndicesAreRefused() {
        Dataset dataset = open(resource("mmsa-aligned-p4.pkl"));

        assertThatThrownBy(() -> dataset.split("dev")).hasMessage("mmsa mmsa-aligned-p4.pkl has no split 'dev'; its "
                + "splits: [train, valid, test]");
        assertThatThrownBy(() -> dataset.split("valid").sample(2)).hasMessage("sample index 2 is outside [0, 2) of "
                + "split valid");
    }
}
