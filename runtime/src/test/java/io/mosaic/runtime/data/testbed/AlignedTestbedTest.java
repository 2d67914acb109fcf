package io.mosaic.runtime.data.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.Task;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.runtime.data.Frames;
import io.mosaic.runtime.data.Sample;
import io.mosaic.runtime.data.Split;
import io.mosaic.runtime.protocols.TmfmFactory;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The word-aligned presets: MMSA's aligned_50 shapes, one audio and one vision frame per text position. */
class AlignedTestbedTest {

    @Test
    void mosiAlignedHasTheShapesOfMosiAligned50AndMosiLikeSizesAndStrengths() {
        Testbed testbed = Testbed.preset("mosi-aligned", 1111);
        TestbedConfig unaligned = TestbedConfig.preset("mosi-like");

        assertThat(testbed.shapes()).containsExactly(
                Map.entry(Modality.TEXT, FeatureShape.sequence(50, 32)),
                Map.entry(Modality.AUDIO, FeatureShape.sequence(50, 5)),
                Map.entry(Modality.VISION, FeatureShape.sequence(50, 20)));
        assertThat(testbed.config().splits()).isEqualTo(unaligned.splits());
        assertThat(testbed.config().text()).isEqualTo(unaligned.text());
        assertThat(testbed.config().wordAligned()).isTrue();
        assertThat(unaligned.wordAligned()).isFalse();
        // The same strengths; only the segment length and keyframe count follow the ten times shorter frame axis.
        assertThat(testbed.config().planting()).isEqualTo(Planting.standard(2, 4));
        assertThat(testbed.description()).isEqualTo("testbed mosi-aligned seed 1111");
    }

    @Test
    void everyModalityHasTheTextsStepsAndEachSampleTheTextsLength() {
        for (String preset : new String[] {"tiny-aligned", "mosi-aligned"}) {
            Testbed testbed = Testbed.preset(preset, 5);
            int steps = testbed.config().text().steps();
            for (String name : testbed.splitNames()) {
                Split split = testbed.split(name);
                for (int i = 0; i < Math.min(split.size(), 60); i++) {
                    Sample sample = split.sample(i);
                    int textLength = sample.frames(Modality.TEXT).length();
                    for (Modality modality : Modality.values()) {
                        Frames frames = sample.frames(modality);
                        assertThat(frames.steps()).as(preset + " " + modality).isEqualTo(steps);
                        assertThat(frames.length()).as(preset + " " + sample.id() + " " + modality)
                                .isEqualTo(textLength);
                        // Padding after the true length stays zero.
                        float[] padding = Arrays.copyOfRange(frames.values(), frames.length() * frames.dim(),
                                frames.values().length);
                        assertThat(padding).isEqualTo(new float[padding.length]);
                    }
                }
            }
        }
    }

    @Test
    void itsDataIsWordAlignedSoTemporalProtocolsAcceptIt() {
        DataSpec aligned = new DataSpec(Testbed.preset("tiny-aligned", 1).shapes(), 200, Task.REGRESSION);
        DataSpec unaligned = new DataSpec(Testbed.preset("tiny", 1).shapes(), 200, Task.REGRESSION);
        TmfmFactory tmfm = new TmfmFactory();

        assertThat(aligned.aligned()).isTrue();
        assertThat(unaligned.aligned()).isFalse();
        assertThat(tmfm.create(Parameters.of(tmfm.parameters(), Map.of()), aligned)).isNotNull();
        assertThatThrownBy(() -> tmfm.create(Parameters.of(tmfm.parameters(), Map.of()), unaligned))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs word-aligned data");
    }

    @Test
    void lengthsVaryAcrossSamplesAsInTheUnalignedPresets() {
        Split train = Testbed.preset("tiny-aligned", 5).split("train");

        assertThat(IntStream.range(0, 40).map(i -> train.sample(i).frames(Modality.VISION).length())
                .distinct().count()).isGreaterThan(3);
    }

    @Test
    void theSameSeedGivesIdenticalSamplesAndAnotherSeedOthers() {
        Split first = Testbed.preset("tiny-aligned", 7).split("test");
        Split second = Testbed.preset("tiny-aligned", 7).split("test");

        for (int i = 0; i < first.size(); i++) {
            Sample a = first.sample(i);
            Sample b = second.sample(i);
            assertThat(a.score()).isEqualTo(b.score());
            assertThat(a.tokenIds()).containsExactly(b.tokenIds());
            for (Modality modality : Modality.values()) {
                assertThat(a.frames(modality).values()).containsExactly(b.frames(modality).values());
            }
        }
        assertThat(Testbed.preset("tiny-aligned", 8).split("test").sample(0).frames(Modality.AUDIO).values())
                .isNotEqualTo(first.sample(0).frames(Modality.AUDIO).values());
    }

    @Test
    void alignmentKeepsTheScoresAndTextOfTheUnalignedTestbed() {
        // The length is a function of the sample's fraction, not a draw: the streams stay in step, so score, domain
        // and tokens are those of tiny (whose text layout and sizes tiny-aligned shares).
        Sample aligned = Testbed.preset("tiny-aligned", 7).split("valid").sample(3);
        Sample unaligned = Testbed.preset("tiny", 7).split("valid").sample(3);

        assertThat(aligned.score()).isEqualTo(unaligned.score());
        assertThat(aligned.domain()).isEqualTo(unaligned.domain());
        assertThat(aligned.tokenIds()).containsExactly(unaligned.tokenIds());
    }

    @Test
    void theExistingPresetsDataIsUnchanged() {
        // Pinned from tiny seed 7 with the runtime built before the aligned presets existed: existing runs keep
        // their numbers.
        Sample sample = Testbed.preset("tiny", 7).split("test").sample(5);

        assertThat(sample.frames(Modality.AUDIO).length()).isEqualTo(EXPECTED_AUDIO_LENGTH);
        assertThat(sample.frames(Modality.VISION).length()).isEqualTo(EXPECTED_VISION_LENGTH);
        assertThat(checksum(Testbed.preset("tiny", 7).split("test"))).isEqualTo(EXPECTED_TINY_CHECKSUM);
    }

    @Test
    void aWordAlignedConfigurationNeedsTheTextsSteps() {
        TestbedConfig tiny = TestbedConfig.preset("tiny");

        assertThatThrownBy(() -> new TestbedConfig("x", tiny.splits(), 3, 0.5, tiny.text(), tiny.audio(),
                tiny.vision(), tiny.planting(), tiny.domainSplit(), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a word-aligned testbed has one audio and one vision frame per text position, got text 12,"
                        + " audio 20 and vision 24 steps");
    }

    private static final int EXPECTED_AUDIO_LENGTH = 12;
    private static final int EXPECTED_VISION_LENGTH = 15;
    private static final long EXPECTED_TINY_CHECKSUM = -4176996782192600573L;

    /** A hash of every value of a split, in order. */
    static long checksum(Split split) {
        long hash = 17;
        for (int i = 0; i < split.size(); i++) {
            Sample sample = split.sample(i);
            hash = 31 * hash + Float.floatToIntBits(sample.score());
            hash = 31 * hash + Arrays.hashCode(sample.tokenIds());
            for (Modality modality : Modality.values()) {
                hash = 31 * hash + Arrays.hashCode(sample.frames(modality).values());
                hash = 31 * hash + sample.frames(modality).length();
            }
        }
        return hash;
    }
}
