package io.mosaic.runtime.data.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestbedConfigTest {

    @Test
    void mosiLikeHasTheShapesAndSplitsOfMosiUnaligned() {
        TestbedConfig config = TestbedConfig.preset("mosi-like");

        assertThat(config.splits()).isEqualTo(new SplitSizes(1284, 229, 686));
        assertThat(config.text().steps()).isEqualTo(50);
        assertThat(config.text().featureDim()).isEqualTo(32);
        assertThat(config.text().vocabulary()).isEqualTo(2000);
        assertThat(config.audio().shape().toString()).isEqualTo("375x5");
        assertThat(config.vision().shape().toString()).isEqualTo("500x20");
        assertThat(config.domains()).isEqualTo(3);
    }

    @Test
    void tinyIsSmall() {
        TestbedConfig config = TestbedConfig.preset("tiny");

        assertThat(config.splits()).isEqualTo(new SplitSizes(160, 48, 48));
        assertThat(config.text().shape().toString()).isEqualTo("12x8");
        assertThat(config.audio().shape().toString()).isEqualTo("20x4");
        assertThat(config.vision().shape().toString()).isEqualTo("24x6");
        assertThat(config.text().vocabulary()).isEqualTo(200);
    }

    @Test
    void moseiLikeHasTheShapesAndSplitsOfMoseiUnaligned() {
        TestbedConfig config = TestbedConfig.preset("mosei-like");

        assertThat(config.splits()).isEqualTo(new SplitSizes(16326, 1871, 4659));
        assertThat(config.text().shape().toString()).isEqualTo("50x32");
        assertThat(config.audio().shape().toString()).isEqualTo("500x74");
        assertThat(config.vision().shape().toString()).isEqualTo("500x35");
        assertThat(config.domainSplit()).isEqualTo(DomainSplit.all(3));
    }

    @Test
    void meldLikeHasFiveDomainsToSplit() {
        TestbedConfig config = TestbedConfig.preset("meld-like");

        assertThat(config.splits()).isEqualTo(new SplitSizes(2000, 400, 800));
        assertThat(config.domains()).isEqualTo(5);
        assertThat(config.text().shape().toString()).isEqualTo("40x32");
        assertThat(config.audio().shape().toString()).isEqualTo("200x24");
        assertThat(config.vision().shape().toString()).isEqualTo("200x32");
        assertThat(config.domainSplit()).isEqualTo(new DomainSplit(List.of(0, 1, 2, 3, 4), List.of(0, 1, 2, 3, 4)));
    }

    @Test
    void everyListedPresetResolves() {
        for (String name : TestbedConfig.PRESETS) {
            assertThat(TestbedConfig.preset(name).name()).isEqualTo(name);
        }
    }

    @Test
    void anUnknownPresetNamesTheKnownOnes() {
        assertThatThrownBy(() -> TestbedConfig.preset("meld"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown testbed preset 'meld'; known presets: tiny, tiny-aligned, mosi-like, "
                        + "mosi-aligned, mosei-like, meld-like");
    }

    @Test
    void withersReplaceOnlyTheirPart() {
        TestbedConfig tiny = TestbedConfig.preset("tiny");

        DomainSplit shift = new DomainSplit(List.of(0, 1), List.of(2));
        TestbedConfig changed = tiny.withDomainSplit(shift).withSplits(new SplitSizes(5, 6, 7))
                .withPlanting(Planting.none());

        assertThat(changed.splits()).isEqualTo(new SplitSizes(5, 6, 7));
        assertThat(changed.planting()).isEqualTo(Planting.none());
        assertThat(changed.domainSplit()).isEqualTo(shift);
        assertThat(changed.text()).isEqualTo(tiny.text());
        assertThat(changed.vision()).isEqualTo(tiny.vision());
    }

    @Test
    void aVocabularyWithoutRoomForFillerWordsIsRejected() {
        // 104 special ids + 2·4 sentiment + 3·3 topic words = 121 ids, and no filler id left.
        TestbedConfig tiny = TestbedConfig.preset("tiny");

        assertThatThrownBy(() -> new TestbedConfig("small", tiny.splits(), 3, 0.5, new TextLayout(12, 8, 121, 4, 3),
                tiny.audio(), tiny.vision(), tiny.planting()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vocabulary of 121 ids has no room for filler");
    }

    @Test
    void aSentimentRateWithoutSentimentWordsIsRejected() {
        TestbedConfig tiny = TestbedConfig.preset("tiny");

        assertThatThrownBy(() -> new TestbedConfig("mute", tiny.splits(), 3, 0.5, new TextLayout(12, 8, 200, 0, 3),
                tiny.audio(), tiny.vision(), tiny.planting()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0 sentiment");
    }

    @Test
    void badNumbersAreRejectedWithTheirName() {
        TestbedConfig tiny = TestbedConfig.preset("tiny");

        assertThatThrownBy(() -> tiny.withSplits(new SplitSizes(-1, 2, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("train -1");
        assertThatThrownBy(() -> new TestbedConfig("x", tiny.splits(), 0, 0.5, tiny.text(), tiny.audio(),
                tiny.vision(), tiny.planting()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 1 domain, got 0");
        assertThatThrownBy(() -> new TestbedConfig("x", tiny.splits(), 3, 0, tiny.text(), tiny.audio(),
                tiny.vision(), tiny.planting()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minLengthFraction");
        assertThatThrownBy(() -> new FrameLayout(20, 4, 3, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fit in 4 features");
        assertThatThrownBy(() -> new TextLayout(2, 8, 200, 4, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 2");
    }

    @Test
    void plantingRejectsImpossibleProbabilitiesAndNegativeStrengths() {
        assertThatThrownBy(() -> new Planting(1, 1.5, 1, 1, 0.6, 0.3, 0.5, 3, 0.05, 2, 0.3, 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be <= 1, got 1.04");
        assertThatThrownBy(() -> new Planting(1, 1.5, 1, -1, 0.2, 0.1, 0.5, 3, 0.05, 2, 0.3, 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spurious must be finite and >= 0, got -1.0");
        assertThatThrownBy(() -> new Planting(3.5, 1.5, 1, 1, 0.2, 0.1, 0.5, 3, 0.05, 2, 0.3, 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("labelShift 3.5");
        assertThatThrownBy(() -> new Planting(1, 1.5, 1, 1, 0.2, 0.1, 1.5, 3, 0.05, 2, 0.3, 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topicBias must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> new Planting(1, 1.5, 1, 1, 0.2, 0.1, 0.5, 0, 0.05, 2, 0.3, 0.1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holdFrames must be >= 1");
    }
}
