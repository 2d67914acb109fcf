package io.mosaic.runtime.data.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mosaic.api.data.Modality;
import io.mosaic.runtime.data.Sample;
import io.mosaic.runtime.metrics.ScoreStatistics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Modality-specific scores y_s = y + δ_s, δ_s ~ N(0, σ²) truncated to y_s ∈ [−3, 3] (testbed.md, structure 6). */
class UnimodalShiftTest {

    @Test
    void withoutAShiftEveryModalityCarriesTheScore() {
        TestbedSplit train = Testbed.preset("tiny", 5).split("train");

        for (int i = 0; i < train.size(); i++) {
            Sample sample = train.sample(i);
            assertThat(sample.modalityScores()).containsOnlyKeys(Modality.values());
            sample.modalityScores().values().forEach(y -> assertThat(y).isEqualTo(sample.score()));
        }
    }

    @Test
    void theShiftLeavesDomainsScoresLengthsAndPlainFeaturesAsTheyWere() {
        TestbedSplit plain = tiny(0, 200).split("train");
        TestbedSplit shifted = tiny(1.0, 200).split("train");
        // The shifts have a stream of their own, and the feature stream draws as many numbers whatever the scores
        // (short of a bounded draw's rare rejection), so audio's plain dimension 3 keeps its values.
        int audioPlain = 3;

        for (int i = 0; i < plain.size(); i++) {
            Sample before = plain.sample(i);
            Sample after = shifted.sample(i);
            assertThat(after.domain()).isEqualTo(before.domain());
            assertThat(after.score()).isEqualTo(before.score());
            for (Modality modality : Modality.values()) {
                assertThat(after.frames(modality).length()).isEqualTo(before.frames(modality).length());
            }
            for (int t = 0; t < before.frames(Modality.AUDIO).length(); t++) {
                assertThat(after.frames(Modality.AUDIO).at(t, audioPlain))
                        .isEqualTo(before.frames(Modality.AUDIO).at(t, audioPlain));
            }
            assertThat(after.modalityScores().get(Modality.AUDIO)).isNotEqualTo(after.score());
        }
    }

    @Test
    void shiftsAreCentredWithTheirSpreadAndIndependentAcrossModalities() {
        for (double sigma : new double[] {0.5, 1.0}) {
            List<Sample> all = samples(tiny(sigma, 6000).split("train"));
            for (Sample sample : all) {
                sample.modalityScores().values().forEach(y -> assertThat(y).isBetween(-3f, 3f));
            }
            // Where y lies 2σ or more inside [−3, 3], the truncation leaves at least N(0, σ²) cut at ±2σ, whose
            // standard deviation is 0.88σ, and never widens it; the bounds allow 2 % of sampling error (n > 2500).
            List<Sample> inside = all.stream().filter(s -> Math.abs(s.score()) <= 3 - 2 * sigma).toList();
            double[][] shifts = new double[Modality.values().length][];
            for (Modality modality : Modality.values()) {
                double[] delta = shifts(inside, modality);
                shifts[modality.ordinal()] = delta;
                assertThat(Statistics.mean(delta)).as("mean δ of %s at σ = %s", modality, sigma)
                        .isCloseTo(0, within(0.05 * sigma));
                assertThat(standardDeviation(delta)).as("sd δ of %s at σ = %s", modality, sigma)
                        .isBetween(0.86 * sigma, 1.02 * sigma);
            }
            assertThat(inside.size()).isGreaterThan(2500);
            assertThat(ScoreStatistics.pearson(shifts[0], shifts[1])).isCloseTo(0, within(0.05));
            assertThat(ScoreStatistics.pearson(shifts[1], shifts[2])).isCloseTo(0, within(0.05));
        }
    }

    @Test
    void aShiftIsAtMostTheScoreRange() {
        Planting planting = TestbedConfig.preset("tiny").planting();

        assertThat(planting.unimodalShift()).isZero();
        assertThat(planting.withUnimodalShift(3).unimodalShift()).isEqualTo(3);
        assertThatThrownBy(() -> planting.withUnimodalShift(3.5))
                .hasMessage("unimodalShift must be <= 3.0, got 3.5");
        assertThatThrownBy(() -> planting.withUnimodalShift(Double.NaN))
                .hasMessage("unimodalShift must be finite and >= 0, got NaN");
    }

    @Test
    void theSameSeedGivesTheSameShifts() {
        Sample first = tiny(0.5, 10).split("train").sample(7);
        Sample second = tiny(0.5, 10).split("train").sample(7);

        assertThat(second.modalityScores()).isEqualTo(first.modalityScores());
    }

    /**
     * The probe of README's "Modality-specific scores" table: on mosi-like's training split, each modality's planted
     * evidence ({@link EvidenceProbe}) correlates with its own score y_s more than with y once σ > 0, and equally at
     * σ = 0. The figures are pinned to the README's two decimals.
     */
    @Test
    void eachModalitysEvidenceTracksItsOwnScore() {
        double[][] expected = {
                // σ, then per modality r(e_s, y_s), r(e_s, y): text, audio, vision; then r(y_s, y) over modalities
                {0.0, 0.80, 0.80, 0.97, 0.97, 0.92, 0.92, 1.00},
                {0.5, 0.80, 0.76, 0.97, 0.91, 0.92, 0.86, 0.94},
                {1.0, 0.82, 0.65, 0.97, 0.77, 0.93, 0.72, 0.80},
        };
        for (double[] row : expected) {
            double[] measured = probe(row[0]);
            for (int m = 0; m < 3; m++) {
                double own = measured[2 * m];
                double label = measured[2 * m + 1];
                assertThat(own).as("r(e, y_s) of modality %d at σ = %s", m, row[0]).isCloseTo(row[1 + 2 * m],
                        within(0.005));
                assertThat(label).as("r(e, y) of modality %d at σ = %s", m, row[0]).isCloseTo(row[2 + 2 * m],
                        within(0.005));
                if (row[0] > 0) {
                    assertThat(own).isGreaterThan(label);
                } else {
                    assertThat(own).isEqualTo(label);
                }
            }
            assertThat(measured[6]).as("r(y_s, y) at σ = %s", row[0]).isCloseTo(row[7], within(0.005));
        }
    }

    /**
     * Per modality (text, audio, vision): r(evidence, y_s) and r(evidence, y) on mosi-like's train split; then the
     * mean over the modalities of r(y_s, y).
     */
    private static double[] probe(double sigma) {
        TestbedConfig mosi = TestbedConfig.preset("mosi-like");
        Testbed testbed = new Testbed(mosi.withPlanting(mosi.planting().withUnimodalShift(sigma)), 1111);
        EvidenceProbe probe = new EvidenceProbe(testbed);
        TestbedSplit train = testbed.split("train");
        List<PlantedSample> samples = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            samples.add(train.planted(i));
        }
        double[] scores = samples.stream().mapToDouble(s -> s.sample().score()).toArray();
        int modalities = Modality.values().length;
        double[] correlations = new double[2 * modalities + 1];
        for (Modality modality : Modality.values()) {
            double[] evidence = samples.stream().mapToDouble(s -> probe.evidence(s, modality)).toArray();
            double[] own = samples.stream().mapToDouble(s -> s.sample().modalityScores().get(modality)).toArray();
            correlations[2 * modality.ordinal()] = ScoreStatistics.pearson(evidence, own);
            correlations[2 * modality.ordinal() + 1] = ScoreStatistics.pearson(evidence, scores);
            correlations[2 * modalities] += ScoreStatistics.pearson(own, scores) / modalities;
        }
        return correlations;
    }

    private static double[] shifts(List<Sample> samples, Modality modality) {
        return samples.stream().mapToDouble(s -> s.modalityScores().get(modality) - s.score()).toArray();
    }

    private static double standardDeviation(double[] x) {
        double mean = Statistics.mean(x);
        double sum = 0;
        for (double v : x) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / x.length);
    }

    private static List<Sample> samples(TestbedSplit split) {
        List<Sample> samples = new ArrayList<>(split.size());
        for (int i = 0; i < split.size(); i++) {
            samples.add(split.sample(i));
        }
        return samples;
    }

    private static Testbed tiny(double sigma, int trainSize) {
        TestbedConfig tiny = TestbedConfig.preset("tiny");
        return new Testbed(tiny.withSplits(new SplitSizes(trainSize, 0, 0))
                .withPlanting(tiny.planting().withUnimodalShift(sigma)), 2024);
    }
}
