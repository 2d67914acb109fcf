package io.mosaic.runtime.data.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mosaic.api.data.Modality;
import io.mosaic.api.data.SpecialTokens;
import io.mosaic.runtime.data.Frames;
import io.mosaic.runtime.data.Sample;
import io.mosaic.runtime.data.Split;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shapes, lengths, padding and the special tokens of generated samples. */
class SampleLayoutTest {

    @Test
    void everyTinySampleIsWellFormed() {
        Testbed testbed = Testbed.preset("tiny", 3);
        for (String name : testbed.splitNames()) {
            Split split = testbed.split(name);
            for (int i = 0; i < split.size(); i++) {
                assertWellFormed(testbed, split.sample(i));
            }
        }
    }

    @Test
    void mosiLikeSamplesAreWellFormed() {
        Testbed testbed = Testbed.preset("mosi-like", 3);
        for (int i = 0; i < 30; i++) {
            assertWellFormed(testbed, testbed.split("test").sample(i));
        }
    }

    @Test
    void lengthsVaryBetweenTheMinimumFractionAndTheFullLength() {
        Testbed testbed = Testbed.preset("tiny", 3);
        Split train = testbed.split("train");
        List<Integer> visionLengths = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            Sample sample = train.sample(i);
            visionLengths.add(sample.frames(Modality.VISION).length());
            // One duration fraction f drives every modality: round(f·steps).
            double fraction = sample.frames(Modality.VISION).length() / 24.0;
            assertThat(sample.frames(Modality.AUDIO).length()).isCloseTo((int) Math.round(fraction * 20), within(1));
        }

        // minLengthFraction 0.5 of 24 frames: lengths in [12, 24], 13 values over 160 samples.
        assertThat(visionLengths).allSatisfy(length -> assertThat(length).isBetween(12, 24));
        assertThat(visionLengths.stream().distinct().count()).isGreaterThanOrEqualTo(10);
    }

    private static void assertWellFormed(Testbed testbed, Sample sample) {
        TestbedConfig config = testbed.config();
        assertThat(sample.score()).isBetween(-3f, 3f);
        assertThat(sample.domain()).isBetween(0, config.domains() - 1);

        Frames text = sample.frames(Modality.TEXT);
        int[] ids = sample.tokenIds();
        int length = text.length();
        assertThat(ids).hasSize(config.text().steps());
        assertThat(length).isBetween(3, config.text().steps());
        assertThat(ids[0]).isEqualTo(SpecialTokens.CLS);
        assertThat(ids[length - 1]).isEqualTo(SpecialTokens.SEP);
        for (int t = 1; t < length - 1; t++) {
            assertThat(ids[t]).isBetween(TextLayout.FIRST_WORD, config.text().vocabulary() - 1);
        }
        for (int t = length; t < ids.length; t++) {
            assertThat(ids[t]).as("token %d of %s after its length %d", t, sample.id(), length)
                    .isEqualTo(SpecialTokens.PAD);
        }

        assertFrames(text, config.text().steps(), config.text().featureDim());
        assertFrames(sample.frames(Modality.AUDIO), config.audio().steps(), config.audio().dim());
        assertFrames(sample.frames(Modality.VISION), config.vision().steps(), config.vision().dim());
    }

    /** The declared shape, non-zero values up to the length and exact zeros after it. */
    private static void assertFrames(Frames frames, int steps, int dim) {
        assertThat(frames.steps()).isEqualTo(steps);
        assertThat(frames.dim()).isEqualTo(dim);
        int real = frames.length() * dim;
        assertThat(Arrays.copyOfRange(frames.values(), 0, real)).doesNotContain(0f);
        for (int i = real; i < steps * dim; i++) {
            assertThat(frames.values()[i]).as("padding value %d", i).isZero();
        }
    }
}
