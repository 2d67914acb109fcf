package io.mosaic.runtime.data.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.api.data.Modality;
import io.mosaic.runtime.data.Frames;
import io.mosaic.runtime.data.Sample;
import io.mosaic.runtime.data.Split;
import io.mosaic.runtime.metrics.ScoreStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A domain split of meld-like, measured on 400 train and 400 test samples: train and valid from source domains 0 and
 * 2, test from target domains 3 and 4. By {@link Domains}, the source priors have means 1 and 0.6 before truncation,
 * the targets −0.4 and 0.2; the spurious factors are 1 and 0 in the source, −0.5 and −1 in the target. Meld-like's
 * audio has dimensions 0–3 invariant and 4–7 spurious.
 */
class DomainShiftTest {

    private static final int AUDIO_INVARIANT = 0;
    private static final int AUDIO_SPURIOUS = 4;
    private static final int VISION_SPURIOUS = 6;

    private static final Testbed SHIFTED = new Testbed(TestbedConfig.preset("meld-like")
            .withSplits(new SplitSizes(400, 100, 400))
            .withDomainSplit(new DomainSplit(List.of(0, 2), List.of(3, 4))), 2024);
    private static final List<Sample> TRAIN = samples(SHIFTED.split("train"));
    private static final List<Sample> TEST = samples(SHIFTED.split("test"));

    @Test
    void trainAndValidDrawFromTheSourceDomainsAndTestFromTheTarget() {
        Map<Integer, Long> train = countByDomain(TRAIN);
        Map<Integer, Long> valid = countByDomain(samples(SHIFTED.split("valid")));
        Map<Integer, Long> test = countByDomain(TEST);

        assertThat(train.keySet()).containsExactlyInAnyOrder(0, 2);
        assertThat(valid.keySet()).containsExactlyInAnyOrder(0, 2);
        assertThat(test.keySet()).containsExactlyInAnyOrder(3, 4);
        // Each of two domains is drawn with probability 1/2: 200 ± 10 (one standard deviation) of 400.
        assertThat(train.get(0)).isBetween(160L, 240L);
        assertThat(test.get(3)).isBetween(160L, 240L);
        assertThat(SHIFTED.split("valid").domains()).containsExactly(0, 2);
        assertThat(SHIFTED.description()).isEqualTo("testbed meld-like seed 2024 (train domains [0, 2], test domains"
                + " [3, 4])");
    }

    @Test
    void theLabelPriorShiftsFromSourceToTarget() {
        // Truncation to [−3, 3] pulls the means towards 0: about 0.6 in the source and −0.05 in the target.
        assertThat(meanScore(TRAIN)).isGreaterThan(0.35);
        assertThat(meanScore(TEST)).isBetween(-0.35, 0.2);
        assertThat(positiveShare(TRAIN) - positiveShare(TEST)).isGreaterThan(0.15);
    }

    @Test
    void spuriousDimensionsFlipSignFromSourceToTarget() {
        assertThat(correlation(TRAIN, Modality.AUDIO, AUDIO_SPURIOUS)).isGreaterThan(0.3);
        assertThat(correlation(TEST, Modality.AUDIO, AUDIO_SPURIOUS)).isLessThan(-0.3);
        assertThat(correlation(TRAIN, Modality.VISION, VISION_SPURIOUS)).isGreaterThan(0.3);
        assertThat(correlation(TEST, Modality.VISION, VISION_SPURIOUS)).isLessThan(-0.3);
    }

    @Test
    void invariantDimensionsKeepTheirSignInTheTarget() {
        assertThat(correlation(TRAIN, Modality.AUDIO, AUDIO_INVARIANT)).isGreaterThan(0.3);
        assertThat(correlation(TEST, Modality.AUDIO, AUDIO_INVARIANT)).isGreaterThan(0.3);
    }

    @Test
    void withoutASplitEverySplitDrawsFromEveryDomain() {
        Testbed unshifted = new Testbed(SHIFTED.config().withDomainSplit(DomainSplit.all(5)), 2024);

        assertThat(countByDomain(samples(unshifted.split("test"))).keySet()).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        assertThat(unshifted.description()).isEqualTo("testbed meld-like seed 2024");
    }

    @Test
    void shiftedSamplesAreRandomAccessAndDeterministic() {
        Split again = new Testbed(SHIFTED.config(), 2024).split("test");

        Sample direct = again.sample(321);

        assertThat(direct.score()).isEqualTo(TEST.get(321).score());
        assertThat(direct.domain()).isEqualTo(TEST.get(321).domain());
        assertThat(direct.frames(Modality.VISION).values()).containsExactly(TEST.get(321).frames(Modality.VISION)
                .values());
    }

    /** Pearson's r between the feature's mean over the real frames and the score. */
    private static double correlation(List<Sample> samples, Modality modality, int feature) {
        double[] means = samples.stream().mapToDouble(s -> frameMean(s.frames(modality), feature)).toArray();
        double[] scores = samples.stream().mapToDouble(Sample::score).toArray();
        return ScoreStatistics.pearson(means, scores);
    }

    private static double frameMean(Frames frames, int feature) {
        double sum = 0;
        for (int t = 0; t < frames.length(); t++) {
            sum += frames.at(t, feature);
        }
        return sum / frames.length();
    }

    private static double meanScore(List<Sample> samples) {
        return Statistics.mean(samples.stream().mapToDouble(Sample::score).toArray());
    }

    private static double positiveShare(List<Sample> samples) {
        return samples.stream().filter(s -> s.score() > 0).count() / (double) samples.size();
    }

    private static Map<Integer, Long> countByDomain(List<Sample> samples) {
        return samples.stream().collect(Collectors.groupingBy(Sample::domain, Collectors.counting()));
    }

    private static List<Sample> samples(Split split) {
        List<Sample> samples = new ArrayList<>(split.size());
        for (int i = 0; i < split.size(); i++) {
            samples.add(split.sample(i));
        }
        return samples;
    }
}
