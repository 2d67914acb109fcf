package io.mosaic.runtime.data.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.api.data.Modality;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.Sample;
import io.mosaic.runtime.data.Split;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestbedTest {

    @Test
    void describesItselfAndItsShapes() {
        Testbed testbed = Testbed.preset("mosi-like", 1111);

        assertThat(testbed.description()).isEqualTo("testbed mosi-like seed 1111");
        assertThat(testbed.shapes()).containsExactly(
                Map.entry(Modality.TEXT, FeatureShape.sequence(50, 32)),
                Map.entry(Modality.AUDIO, FeatureShape.sequence(375, 5)),
                Map.entry(Modality.VISION, FeatureShape.sequence(500, 20)));
        assertThat(testbed.vocabulary()).isEqualTo(2000);
        assertThat(testbed.splitNames()).containsExactly(Dataset.TRAIN, Dataset.VALID, Dataset.TEST);
        assertThat(testbed.split("train").size()).isEqualTo(1284);
        assertThat(testbed.split("valid").size()).isEqualTo(229);
        assertThat(testbed.split("test").size()).isEqualTo(686);
    }

    @Test
    void theSameSeedGivesIdenticalSamples() {
        Split first = Testbed.preset("tiny", 7).split("valid");
        Split second = Testbed.preset("tiny", 7).split("valid");

        for (int i = 0; i < first.size(); i++) {
            assertSameSample(first.sample(i), second.sample(i));
        }
    }

    @Test
    void samplesAreRandomAccess() {
        Split split = Testbed.preset("tiny", 7).split("train");

        Sample direct = split.sample(100);
        for (int i = 0; i < 100; i++) {
            split.sample(i);
        }

        assertSameSample(split.sample(100), direct);
    }

    @Test
    void anotherSeedGivesOtherSamples() {
        Sample a = Testbed.preset("tiny", 7).split("train").sample(0);
        Sample b = Testbed.preset("tiny", 8).split("train").sample(0);

        assertThat(a.score()).isNotEqualTo(b.score());
        assertThat(a.frames(Modality.AUDIO).values()).isNotEqualTo(b.frames(Modality.AUDIO).values());
    }

    @Test
    void splitsAndIndicesHaveTheirOwnSamples() {
        Testbed testbed = Testbed.preset("tiny", 7);
        Set<Float> scores = new HashSet<>();
        Set<String> ids = new HashSet<>();
        int total = 0;
        for (String name : testbed.splitNames()) {
            Split split = testbed.split(name);
            for (int i = 0; i < split.size(); i++) {
                Sample sample = split.sample(i);
                scores.add(sample.score());
                ids.add(sample.id());
                total++;
            }
        }

        assertThat(ids).hasSize(total).contains("train/0", "test/47");
        assertThat(scores).hasSize(total);
    }

    @Test
    void idsAreKnownWithoutGeneratingTheSamples() {
        TestbedSplit valid = Testbed.preset("tiny", 7).split("valid");

        assertThat(valid.id(13)).isEqualTo("valid/13").isEqualTo(valid.sample(13).id());
        assertThatThrownBy(() -> valid.id(48)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sample index 48 is outside [0, 48) of split valid");
    }

    @Test
    void theTokenFeaturesTableIsTheSameForEverySampleOfASeed() {
        Testbed testbed = Testbed.preset("tiny", 7);

        assertThat(testbed.embedding(110)).containsExactly(Testbed.preset("tiny", 7).embedding(110));
        assertThat(testbed.embedding(110)).isNotEqualTo(Testbed.preset("tiny", 8).embedding(110));
    }

    @Test
    void badNamesAndIndicesAreRejected() {
        Testbed testbed = Testbed.preset("tiny", 7);

        assertThatThrownBy(() -> testbed.split("dev"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("testbed has no split 'dev'; its splits: [train, valid, test]");
        assertThatThrownBy(() -> testbed.split("test").sample(48))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sample index 48 is outside [0, 48) of split test");
        assertThatThrownBy(() -> testbed.embedding(200))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("token id 200 is outside [0, 200)");
    }

    private static void assertSameSample(Sample actual, Sample expected) {
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.score()).isEqualTo(expected.score());
        assertThat(actual.domain()).isEqualTo(expected.domain());
        assertThat(actual.tokenIds()).containsExactly(expected.tokenIds());
        for (Modality modality : Modality.values()) {
            assertThat(actual.frames(modality).length()).isEqualTo(expected.frames(modality).length());
            assertThat(actual.frames(modality).values()).containsExactly(expected.frames(modality).values());
        }
    }
}
