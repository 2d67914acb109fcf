package io.mosaic.runtime.data.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mosaic.runtime.data.Frames;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FrameGeneratorTest {

    /** 1 invariant, 2 spurious and 1 plain dimension. */
    private static final FrameLayout LAYOUT = new FrameLayout(10, 4, 1, 2);

    private static Planting frames(int holdFrames, double jitter, double noise) {
        return new Planting(1, 1.5, 1, 1, 0.25, 0.15, 0.8, holdFrames, jitter, 2, noise, 0.1);
    }

    @Test
    void evidenceIsAddedExactlyWhereItIsPlanted() {
        FrameGenerator generator = new FrameGenerator(LAYOUT, frames(3, 0.05, 0.3));
        int[] keyframes = {2, 5};

        // The random draws do not depend on the evidence, so the same stream isolates what the evidence adds.
        Frames without = generator.generate(new SplittableRandom(7), 0, 0, 8, keyframes);
        Frames with = generator.generate(new SplittableRandom(7), 0.75, -0.5, 8, keyframes);

        for (int t = 0; t < 8; t++) {
            boolean keyframe = t == 2 || t == 5;
            assertThat(with.at(t, 0) - without.at(t, 0)).isCloseTo(keyframe ? 0.75f : 0f, within(1e-6f));
            assertThat(with.at(t, 1) - without.at(t, 1)).isCloseTo(-0.5f, within(1e-6f));
            assertThat(with.at(t, 2) - without.at(t, 2)).isCloseTo(-0.5f, within(1e-6f));
            assertThat(with.at(t, 3) - without.at(t, 3)).isCloseTo(0f, within(1e-6f));
        }
    }

    @Test
    void withoutKeyframesTheEvidenceIsInEveryFrame() {
        FrameGenerator generator = new FrameGenerator(LAYOUT, frames(3, 0.05, 0.3));

        Frames without = generator.generate(new SplittableRandom(8), 0, 0, 6, new int[0]);
        Frames with = generator.generate(new SplittableRandom(8), 0.75, 0, 6, new int[0]);

        for (int t = 0; t < 6; t++) {
            assertThat(with.at(t, 0) - without.at(t, 0)).isCloseTo(0.75f, within(1e-6f));
        }
    }

    @Test
    void framesAfterTheLengthAreExactlyZero() {
        Frames frames = new FrameGenerator(LAYOUT, frames(3, 0.05, 0.3))
                .generate(new SplittableRandom(9), 0.5, 0.5, 6, new int[] {1});

        assertThat(frames.length()).isEqualTo(6);
        assertThat(frames.values()).hasSize(40);
        assertThat(Arrays.copyOfRange(frames.values(), 24, 40)).containsOnly(0f);
        assertThat(Arrays.copyOfRange(frames.values(), 0, 24)).doesNotContain(0f);
    }

    @Test
    void withoutJitterOrNoiseHeldSegmentsLastHoldFramesOnAverage() {
        FrameGenerator generator = new FrameGenerator(new FrameLayout(400, 2, 0, 0), frames(4, 0, 0));
        int segments = 0;
        int frameCount = 0;
        for (int i = 0; i < 20; i++) {
            Frames frames = generator.generate(new SplittableRandom(i), 0, 0, 400, new int[0]);
            segments++;
            for (int t = 1; t < 400; t++) {
                if (frames.at(t, 0) != frames.at(t - 1, 0)) {
                    segments++;
                }
            }
            frameCount += 400;
        }

        // Segment lengths are uniform in [1, 7], mean 4 and variance 4: over about 2000 segments the mean length has
        // a standard error of about 0.05.
        assertThat((double) frameCount / segments).isCloseTo(4, within(0.2));
    }

    @Test
    void oneHoldFrameMeansEveryFrameIsNew() {
        Frames frames = new FrameGenerator(LAYOUT, frames(1, 0, 0))
                .generate(new SplittableRandom(10), 0, 0, 10, new int[0]);

        for (int t = 1; t < 10; t++) {
            assertThat(frames.at(t, 3)).isNotEqualTo(frames.at(t - 1, 3));
        }
    }

    @Test
    void jitterAndNoiseAddOneNormalOfTheirSummedVariance() {
        FrameGenerator clean = new FrameGenerator(LAYOUT, frames(3, 0, 0));
        FrameGenerator noisy = new FrameGenerator(LAYOUT, frames(3, 0.3, 0.4));
        double squares = 0;
        int n = 0;
        for (int i = 0; i < 500; i++) {
            Frames a = clean.generate(new SplittableRandom(i), 0.5, 0.5, 10, new int[] {4});
            Frames b = noisy.generate(new SplittableRandom(i), 0.5, 0.5, 10, new int[] {4});
            for (int k = 0; k < 40; k++) {
                double d = b.values()[k] - a.values()[k];
                squares += d * d;
                n++;
            }
        }

        // sqrt(0.3² + 0.4²) = 0.5; 20,000 values give a standard error of about 0.0025.
        assertThat(Math.sqrt(squares / n)).isCloseTo(0.5, within(0.01));
    }

    @Test
    void keyframesAreSortedDistinctAndUniform() {
        SplittableRandom random = new SplittableRandom(11);
        int[] hits = new int[10];
        for (int i = 0; i < 20_000; i++) {
            int[] keyframes = FrameGenerator.drawKeyframes(random, 3, 10);
            assertThat(keyframes).hasSize(3).isSorted().doesNotHaveDuplicates();
            for (int t : keyframes) {
                hits[t]++;
            }
        }

        // Each position is chosen with probability 3/10: 6000 expected hits, standard deviation about 65.
        for (int count : hits) {
            assertThat(count).isBetween(5700, 6300);
        }
        assertThat(FrameGenerator.drawKeyframes(random, 5, 2)).containsExactly(0, 1);
    }
}
