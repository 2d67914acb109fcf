package io.mosaic.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.api.data.Modality;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SampleNoiseTest {
    /** Text 4 positions of which 3 are the sample's, vision 3 of which 2. */
    private static final SampleLayout LAYOUT = new SampleLayout(Map.of(Modality.TEXT, 4, Modality.VISION, 3),
            Map.of(Modality.TEXT, 3, Modality.VISION, 2), true);

    @Test
    void addsOnlyBelowTheTrueLengthAndAccumulates() {
        SampleNoise noise = new SampleNoise(LAYOUT);

        assertThat(noise.add(Modality.VISION, 1, new float[] {0.5f, -1f})).isTrue();
        assertThat(noise.add(Modality.VISION, 1, new float[] {0.25f, 1f})).isTrue();
        assertThat(noise.add(Modality.VISION, 2, new float[] {9f, 9f})).as("padding").isFalse();
        assertThat(noise.add(Modality.VISION, -1, new float[] {9f, 9f})).isFalse();

        assertThat(noise.added(Modality.VISION, 1)).containsExactly(0.75f, 0f);
        assertThat(noise.added(Modality.VISION, 0)).isEmpty();
        assertThat(noise.added(Modality.VISION, 2)).isEmpty();
        assertThat(noise.width(Modality.VISION)).isEqualTo(2);
        assertThat(noise.perturbs(Modality.VISION)).isTrue();
        assertThat(noise.perturbs(Modality.TEXT)).isFalse();
        assertThat(noise.width(Modality.TEXT)).isZero();
        assertThat(noise.layout()).isSameAs(LAYOUT);
    }

    @Test
    void theValuesAreCopiedInAndOut() {
        SampleNoise noise = new SampleNoise(LAYOUT);
        float[] values = {1f};
        noise.add(Modality.TEXT, 0, values);
        values[0] = 5f;
        noise.added(Modality.TEXT, 0)[0] = 7f;

        assertThat(noise.added(Modality.TEXT, 0)).containsExactly(1f);
    }

    @Test
    void refusesAnotherWidthAndAModalityTheSampleLacks() {
        SampleNoise noise = new SampleNoise(LAYOUT);
        noise.add(Modality.TEXT, 0, new float[] {1f, 2f});

        assertThatThrownBy(() -> noise.add(Modality.TEXT, 1, new float[] {1f}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("text noise has 2 values per position, got 1 at position 1");
        assertThatThrownBy(() -> noise.add(Modality.AUDIO, 0, new float[] {1f}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the sample has no audio modality");
    }

    @Test
    void aProtocolThatOnlyRemovesAddsNothingAndTakesRatesUpToOne() {
        MissingProtocol removesNothing = (sample, rate, random) -> new SampleMask(sample);

        assertThat(removesNothing.maxLevel()).isEqualTo(1.0);
        assertThat(removesNothing.noise(LAYOUT, 0.5, new SplittableRandom(1)).perturbs(Modality.TEXT))
                .isFalse();
        assertThat(removesNothing.trainingNoise(LAYOUT, new SplittableRandom(1)).perturbs(Modality.VISION))
                .isFalse();
    }
}
