package io.mosaic.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class TapsTest {

    @Test
    void aScopedViewRecordsUnderItsPrefixAndReadsItsOwnTapsBack() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Taps taps = new Taps();
            Taps text = taps.scoped("text");
            Taps vision = taps.scoped("vision");
            NDArray textMask = manager.create(new float[] {1, 0});
            NDArray visionMask = manager.create(new float[] {0, 1});
            text.put("mask", textMask);
            vision.put("mask", visionMask);

            assertThat(taps.names()).containsExactly("text.mask", "vision.mask");
            assertThat(text.local("mask")).isSameAs(textMask);
            assertThat(vision.local("mask")).isSameAs(visionMask);
            assertThat(taps.scoped("text").scoped("inner").has("text.mask")).isTrue();
            assertThatThrownBy(() -> taps.scoped("audio").local("mask"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no tap 'audio.mask'")
                    .hasMessageContaining("[text.mask, vision.mask]");
        }
    }
}
