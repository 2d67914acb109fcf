package io.mosaic.runtime.data.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.api.data.Modality;
import io.mosaic.runtime.data.Sample;
import org.junit.jupiter.api.Test;

class SampleCacheTest {
    private static final TestbedConfig TINY = TestbedConfig.preset("tiny");

    @Test
    void aSampleIsTheArraysOfItsFeaturesAndTokenIdsPlusAnAllowance() {
        // mosi-like: text 50 × 32 and 50 ids, audio 375 × 5, vision 500 × 20
        long floats = 50 * 32 + 375 * 5 + 500 * 20;
        assertThat(SampleCache.bytesPerSample(TestbedConfig.preset("mosi-like"))).isEqualTo(4 * (floats + 50) + 512);
        assertThat(SampleCache.fits(TINY, 10, 10 * SampleCache.bytesPerSample(TINY))).isTrue();
        assertThat(SampleCache.fits(TINY, 10, 10 * SampleCache.bytesPerSample(TINY) - 1)).isFalse();
    }

    @Test
    void keptSamplesAreReadBackAndEqualTheGeneratedOnes() {
        Testbed kept = new Testbed(TINY, 7, Long.MAX_VALUE);
        Testbed generated = new Testbed(TINY, 7, 0);
        TestbedSplit train = kept.split("train");
        assertThat(train.keepsSamples()).isTrue();
        assertThat(generated.split("train").keepsSamples()).isFalse();
        for (int i : new int[] {0, 5, train.size() - 1}) {
            Sample first = train.sample(i);
            assertThat(train.sample(i)).isSameAs(first);
            Sample fresh = generated.split("train").sample(i);
            assertThat(generated.split("train").sample(i)).isNotSameAs(fresh);
            assertThat(first.id()).isEqualTo(fresh.id());
            assertThat(first.score()).isEqualTo(fresh.score());
            assertThat(first.tokenIds()).containsExactly(fresh.tokenIds());
            for (Modality modality : Modality.values()) {
                assertThat(first.frames(modality).values()).containsExactly(fresh.frames(modality).values());
            }
        }
    }

    @Test
    void aTestbedKeepsItsSamplesOnlyWhenEverySplitFits() {
        long all = TINY.splits().train() + TINY.splits().valid() + TINY.splits().test();
        long bytes = all * SampleCache.bytesPerSample(TINY);
        assertThat(new Testbed(TINY, 7, bytes).split("test").keepsSamples()).isTrue();
        assertThat(new Testbed(TINY, 7, bytes - 1).split("valid").keepsSamples()).isFalse();
    }
}
