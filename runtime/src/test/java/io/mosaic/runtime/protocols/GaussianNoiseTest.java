package io.mosaic.runtime.protocols;

import static io.mosaic.runtime.protocols.ProtocolFixtures.ALIGNED;
import static io.mosaic.runtime.protocols.ProtocolFixtures.UNALIGNED;
import static io.mosaic.runtime.protocols.ProtocolFixtures.create;
import static io.mosaic.runtime.protocols.ProtocolFixtures.layouts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.Task;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.api.protocol.SampleLayout;
import io.mosaic.api.protocol.SampleNoise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@code gaussian-noise}: SATI's Table III noise, N(0, σ²) on the listed modalities' valid frames. */
class GaussianNoiseTest {
    private static final GaussianNoiseFactory FACTORY = new GaussianNoiseFactory();
    private static final MissingProtocol VISION = create(FACTORY, Map.of("modalities", List.of("vision")), UNALIGNED);

    /** One noise per layout at {@code sigma}, each sample from its own stream split off a seeded root. */
    private static List<SampleNoise> noises(MissingProtocol protocol, List<SampleLayout> layouts, double sigma,
                                            long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        List<SampleNoise> noises = new ArrayList<>();
        for (SampleLayout layout : layouts) {
            SplittableRandom random = root.split();
            protocol.mask(layout, sigma, random);
            noises.add(protocol.noise(layout, sigma, random));
        }
        return noises;
    }

    @Test
    void theNoiseHasMeanZeroAndStandardDeviationSigma() {
        // 4000 samples of 1 to 40 vision frames x 3 features: about 240,000 draws, so the sample standard deviation
        // is within 0.3 % of sigma with overwhelming probability.
        for (double sigma : new double[] {0.5, 2.0}) {
            double sum = 0;
            double squares = 0;
            long count = 0;
            for (SampleNoise noise : noises(VISION, layouts(UNALIGNED, ProtocolFixtures.SAMPLES, 1, 11), sigma, 12)) {
                for (int t = 0; t < noise.layout().length(Modality.VISION); t++) {
                    for (float value : noise.added(Modality.VISION, t)) {
                        sum += value;
                        squares += (double) value * value;
                        count++;
                    }
                }
            }
            double mean = sum / count;
            assertThat(count).isGreaterThan(200_000);
            assertThat(mean).as("mean at sigma %s", sigma).isCloseTo(0, within(0.01 * sigma));
            assertThat(Math.sqrt(squares / count - mean * mean)).as("sd at sigma %s", sigma)
                    .isCloseTo(sigma, within(0.003 * sigma));
        }
    }

    @Test
    void levelsAreNestedEachSampleMovesAlongOneLine() {
        List<SampleLayout> layouts = layouts(UNALIGNED, 50, 1, 13);
        List<SampleNoise> unit = noises(VISION, layouts, 1.0, 14);
        double[] sigmas = {0.25, 0.5, 0.75, 2.0};

        for (double sigma : sigmas) {
            List<SampleNoise> scaled = noises(VISION, layouts, sigma, 14);
            for (int i = 0; i < layouts.size(); i++) {
                for (int t = 0; t < layouts.get(i).length(Modality.VISION); t++) {
                    float[] z = unit.get(i).added(Modality.VISION, t);
                    float[] n = scaled.get(i).added(Modality.VISION, t);
                    assertThat(n).hasSize(3);
                    for (int k = 0; k < 3; k++) {
                        // sigma z, rounded once to float: the same z at every level
                        assertThat((double) n[k]).isCloseTo(sigma * z[k], within(1e-6 * Math.abs(sigma * z[k])
                                + 1e-12));
                    }
                }
            }
        }
    }

    @Test
    void onlyTheListedModalitiesValidFramesGetNoise() {
        List<SampleLayout> layouts = layouts(UNALIGNED, 200, 1, 15);

        for (SampleNoise noise : noises(VISION, layouts, 0.5, 16)) {
            SampleLayout layout = noise.layout();
            assertThat(noise.perturbs(Modality.TEXT)).isFalse();
            assertThat(noise.perturbs(Modality.AUDIO)).isFalse();
            assertThat(noise.perturbs(Modality.VISION)).isTrue();
            assertThat(noise.width(Modality.VISION)).isEqualTo(3);
            for (int t = 0; t < layout.steps(Modality.VISION); t++) {
                assertThat(noise.added(Modality.VISION, t)).as("position %d of length %d", t,
                        layout.length(Modality.VISION)).hasSize(t < layout.length(Modality.VISION) ? 3 : 0);
            }
            for (int t = 0; t < layout.steps(Modality.TEXT); t++) {
                assertThat(noise.added(Modality.TEXT, t)).isEmpty();
            }
        }
    }

    @Test
    void byDefaultEveryModalityIncludingTheTextsSpecialTokenFeaturesGetsNoise() {
        MissingProtocol all = create(FACTORY, Map.of(), ALIGNED);
        SampleLayout layout = layouts(ALIGNED, 1, 10, 17).get(0);

        SampleNoise noise = all.noise(layout, 0.5, new SplittableRandom(18));

        assertThat(noise.width(Modality.TEXT)).isEqualTo(8);
        assertThat(noise.width(Modality.AUDIO)).isEqualTo(5);
        assertThat(noise.width(Modality.VISION)).isEqualTo(3);
        // [CLS] at 0 and [SEP] at length - 1 are features like any other; only the token ids are never touched.
        assertThat(noise.added(Modality.TEXT, 0)).hasSize(8);
        assertThat(noise.added(Modality.TEXT, layout.length(Modality.TEXT) - 1)).hasSize(8);
        assertThat(noise.added(Modality.TEXT, layout.length(Modality.TEXT))).isEmpty();
    }

    @Test
    void theSameStreamGivesTheSameNoiseAndAnotherStreamOther() {
        List<SampleLayout> layouts = layouts(UNALIGNED, 20, 5, 19);

        List<SampleNoise> first = noises(VISION, layouts, 0.5, 20);
        List<SampleNoise> again = noises(VISION, layouts, 0.5, 20);
        List<SampleNoise> other = noises(VISION, layouts, 0.5, 21);

        for (int i = 0; i < layouts.size(); i++) {
            assertThat(again.get(i).added(Modality.VISION, 2)).containsExactly(first.get(i).added(Modality.VISION, 2));
            assertThat(other.get(i).added(Modality.VISION, 2)).isNotEqualTo(first.get(i).added(Modality.VISION, 2));
        }
    }

    @Test
    void removesNothingAndAtSigmaZeroAddsNothing() {
        SampleLayout layout = layouts(UNALIGNED, 1, 5, 22).get(0);

        for (double sigma : new double[] {0.0, 0.5, 3.0}) {
            for (Modality modality : Modality.values()) {
                assertThat(VISION.mask(layout, sigma, new SplittableRandom(1)).removedCount(modality)).isZero();
                assertThat(VISION.trainingMask(layout, new SplittableRandom(1)).removedCount(modality)).isZero();
            }
        }
        SampleNoise none = VISION.noise(layout, 0.0, new SplittableRandom(1));
        assertThat(none.perturbs(Modality.VISION)).isFalse();
    }

    @Test
    void aTrainingSampleDrawsItsSigmaBelowOne() {
        SampleLayout layout = new SampleLayout(Map.of(Modality.TEXT, 3, Modality.AUDIO, 2, Modality.VISION, 400),
                Map.of(Modality.TEXT, 3, Modality.AUDIO, 2, Modality.VISION, 400), true);

        double maxSd = 0;
        double minSd = Double.MAX_VALUE;
        for (int seed = 0; seed < 40; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            VISION.trainingMask(layout, random);
            SampleNoise noise = VISION.trainingNoise(layout, random);
            double squares = 0;
            for (int t = 0; t < 400; t++) {
                for (float value : noise.added(Modality.VISION, t)) {
                    squares += (double) value * value;
                }
            }
            double sd = Math.sqrt(squares / 1200);
            maxSd = Math.max(maxSd, sd);
            minSd = Math.min(minSd, sd);
        }
        assertThat(maxSd).isLessThan(1.1).isGreaterThan(0.7);
        assertThat(minSd).isLessThan(0.3);
    }

    @Test
    void sigmaMayExceedOneUpToTheProtocolsLargestLevel() {
        SampleLayout layout = layouts(UNALIGNED, 1, 5, 23).get(0);

        assertThat(VISION.maxLevel()).isEqualTo(100.0);
        assertThat(create(new RmfmFactory(), Map.of(), UNALIGNED).maxLevel()).isEqualTo(1.0);
        assertThat(VISION.noise(layout, 100, new SplittableRandom(1)).perturbs(Modality.VISION)).isTrue();
        assertThatThrownBy(() -> VISION.noise(layout, 100.5, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a noise standard deviation is in [0, 100.0], found 100.5");
        assertThatThrownBy(() -> VISION.mask(layout, -0.5, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a noise standard deviation is in [0, 100.0], found -0.5");
        assertThatThrownBy(() -> VISION.noise(layout, Double.NaN, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a noise standard deviation is in [0, 100.0], found NaN");
    }

    @Test
    void refusesModalitiesTheDataLacks() {
        DataSpec textAndAudio = new DataSpec(Map.of(Modality.TEXT, FeatureShape.sequence(50, 8), Modality.AUDIO,
                FeatureShape.sequence(50, 5)), 30522, Task.REGRESSION);

        assertThatThrownBy(() -> create(FACTORY, Map.of("modalities", List.of("vision")), textAndAudio))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gaussian-noise: parameter 'modalities' names vision, but the data has only text, audio");
        assertThat(FACTORY.description()).contains("N(0, σ²)").contains("σ = 0.5");
    }
}
