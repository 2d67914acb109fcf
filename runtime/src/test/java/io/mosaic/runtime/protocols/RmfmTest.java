package io.mosaic.runtime.protocols;

import static io.mosaic.runtime.protocols.ProtocolFixtures.SAMPLES;
import static io.mosaic.runtime.protocols.ProtocolFixtures.UNALIGNED;
import static io.mosaic.runtime.protocols.ProtocolFixtures.create;
import static io.mosaic.runtime.protocols.ProtocolFixtures.layouts;
import static io.mosaic.runtime.protocols.ProtocolFixtures.masks;
import static io.mosaic.runtime.protocols.ProtocolFixtures.removable;
import static io.mosaic.runtime.protocols.ProtocolFixtures.removed;
import static io.mosaic.runtime.protocols.ProtocolFixtures.tolerance;
import static io.mosaic.runtime.protocols.ProtocolFixtures.trainingMasks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mosaic.api.data.Modality;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.api.protocol.SampleMask;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RMFM's removed fractions at fixed rates, and its two training corruptions. */
class RmfmTest {
    private static final RmfmFactory FACTORY = new RmfmFactory();

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.1, 0.3, 0.5, 0.9, 1.0})
    void removesEveryModalitysRemovablePositionsAtTheRate(double rate) {
        MissingProtocol rmfm = create(FACTORY, Map.of(), UNALIGNED);
        List<SampleMask> masks = masks(rmfm, layouts(UNALIGNED, SAMPLES, 0, 11), rate, 12);

        for (Modality modality : Modality.values()) {
            long n = removable(masks, modality);
            assertThat((double) removed(masks, modality) / n).as(modality.id())
                    .isCloseTo(rate, within(tolerance(rate, n)));
        }
    }

    @Test
    void touchesOnlyTheNamedModalities() {
        MissingProtocol rmfm = create(FACTORY, Map.of("modalities", List.of("audio")), UNALIGNED);
        List<SampleMask> masks = masks(rmfm, layouts(UNALIGNED, SAMPLES, 0, 13), 0.4, 14);

        assertThat(removed(masks, Modality.TEXT)).isZero();
        assertThat(removed(masks, Modality.VISION)).isZero();
        long n = removable(masks, Modality.AUDIO);
        assertThat((double) removed(masks, Modality.AUDIO) / n).isCloseTo(0.4, within(tolerance(0.4, n)));
    }

    @Test
    void trainsWithAFreshUniformRatePerSample() {
        MissingProtocol rmfm = create(FACTORY, Map.of(), UNALIGNED);
        double[] fractions = sampleFractions(trainingMasks(rmfm, layouts(UNALIGNED, SAMPLES, 20, 15), 16));

        // A sample's fraction is its rate r ~ U[0, 1) plus binomial noise of mean 0, so the fractions have mean 1/2
        // and variance 1/12 + E[r(1 − r)]/n ≤ 1/12 + 1/(6·54): five standard errors of their mean over SAMPLES.
        double meanTolerance = 5 * Math.sqrt((1.0 / 12 + 1.0 / (6 * 54)) / SAMPLES);
        assertThat(mean(fractions)).isCloseTo(0.5, within(meanTolerance));
        // Uniform rates put a quarter of the samples in each quartile of [0, 1]; the noise of at most
        // sqrt(1/(4·54)) ≈ 0.07 moves as many samples across an inner boundary one way as the other.
        for (double share : quartileShares(fractions)) {
            assertThat(share).isCloseTo(0.25, within(tolerance(0.25, SAMPLES)));
        }
    }

    @Test
    void perPositionTrainingRemovesEachPositionWithProbabilityOneHalf() {
        MissingProtocol rmfm = create(FACTORY, Map.of("per-position", true), UNALIGNED);
        List<SampleMask> masks = trainingMasks(rmfm, layouts(UNALIGNED, SAMPLES, 20, 17), 18);

        for (Modality modality : Modality.values()) {
            long n = removable(masks, modality);
            assertThat((double) removed(masks, modality) / n).as(modality.id())
                    .isCloseTo(0.5, within(tolerance(0.5, n)));
        }
        // Bernoulli(1/2) per position, not a rate per sample: with at least 54 positions a sample's fraction has a
        // standard deviation of at most 0.07, so it leaves the two middle quartiles in about 2 samples in 10,000.
        double[] quartiles = quartileShares(sampleFractions(masks));
        assertThat(quartiles[1] + quartiles[2]).isGreaterThan(0.99);
    }

    @Test
    void evaluationAtAFixedRateIgnoresThePerPositionOption() {
        MissingProtocol rmfm = create(FACTORY, Map.of("per-position", true), UNALIGNED);
        List<SampleMask> masks = masks(rmfm, layouts(UNALIGNED, SAMPLES, 0, 19), 0.2, 20);

        long n = removable(masks, Modality.VISION);
        assertThat((double) removed(masks, Modality.VISION) / n).isCloseTo(0.2, within(tolerance(0.2, n)));
    }

    /** Each sample's removed fraction of its removable positions, all modalities together. */
    private static double[] sampleFractions(List<SampleMask> masks) {
        return masks.stream().mapToDouble(mask -> {
            int removed = 0;
            int removable = 0;
            for (Modality modality : Modality.values()) {
                removed += mask.removedCount(modality);
                removable += ProtocolFixtures.removable(mask.layout(), modality);
            }
            return (double) removed / removable;
        }).toArray();
    }

    /** The shares of {@code fractions} in [0, 1/4), [1/4, 1/2), [1/2, 3/4) and [3/4, 1]. */
    private static double[] quartileShares(double[] fractions) {
        double[] shares = new double[4];
        for (double fraction : fractions) {
            shares[Math.min(3, (int) (fraction * 4))] += 1.0 / fractions.length;
        }
        return shares;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}
