package io.mosaic.runtime.data.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.api.data.Modality;
import io.mosaic.runtime.data.Frames;
import io.mosaic.runtime.data.Sample;
import io.mosaic.runtime.metrics.ScoreStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The planted structure, measured on 1200 tiny samples (about 400 per domain, so a correlation's standard error is
 * about 0.05 inside a domain). Tiny's audio has dimension 0 invariant, 1 spurious, 2–3 plain; its vision has 0–1
 * invariant, 2–3 spurious, 4–5 plain.
 */
class PlantedStructureTest {

    private static final int AUDIO_INVARIANT = 0;
    private static final int AUDIO_SPURIOUS = 1;
    private static final int AUDIO_PLAIN = 3;
    private static final int VISION_INVARIANT = 0;
    private static final int VISION_SPURIOUS = 2;
    private static final int VISION_PLAIN = 5;

    private static final Testbed PLANTED = tiny(TestbedConfig.preset("tiny").planting());
    private static final List<PlantedSample> SAMPLES = generate(PLANTED);
    private static final List<PlantedSample> NULL_SAMPLES = generate(tiny(Planting.none()));

    @Test
    void theNamedDimensionsHaveTheirRoles() {
        FrameLayout audio = PLANTED.config().audio();
        FrameLayout vision = PLANTED.config().vision();

        assertThat(audio.isInvariant(AUDIO_INVARIANT) && audio.isSpurious(AUDIO_SPURIOUS)).isTrue();
        assertThat(audio.isInvariant(AUDIO_PLAIN) || audio.isSpurious(AUDIO_PLAIN)).isFalse();
        assertThat(vision.isInvariant(VISION_INVARIANT) && vision.isSpurious(VISION_SPURIOUS)).isTrue();
        assertThat(vision.isInvariant(VISION_PLAIN) || vision.isSpurious(VISION_PLAIN)).isFalse();
    }

    @Test
    void invariantDimensionsCarryTheScoreInEveryDomain() {
        for (int d = 0; d < 3; d++) {
            List<PlantedSample> domain = inDomain(SAMPLES, d);

            assertThat(correlation(domain, s -> frameMean(s.sample(), Modality.AUDIO, AUDIO_INVARIANT)))
                    .as("audio invariant dimension in domain %d", d).isGreaterThan(0.4);
            assertThat(correlation(domain, s -> keyframeMean(s, VISION_INVARIANT)))
                    .as("vision invariant dimension on keyframes in domain %d", d).isGreaterThan(0.3);
        }
    }

    @Test
    void spuriousDimensionsChangeSignAcrossDomains() {
        for (Modality modality : new Modality[] {Modality.AUDIO, Modality.VISION}) {
            int feature = modality == Modality.AUDIO ? AUDIO_SPURIOUS : VISION_SPURIOUS;
            ToDoubleFunction<PlantedSample> spurious = s -> frameMean(s.sample(), modality, feature);

            // Spurious factors 1, 0, −1 in domains 0, 1, 2.
            assertThat(correlation(inDomain(SAMPLES, 0), spurious)).as("%s in domain 0", modality).isGreaterThan(0.5);
            assertThat(correlation(inDomain(SAMPLES, 1), spurious)).as("%s in domain 1", modality).isBetween(-0.2, 0.2);
            assertThat(correlation(inDomain(SAMPLES, 2), spurious)).as("%s in domain 2", modality).isLessThan(-0.5);
        }
    }

    @Test
    void plainDimensionsCarryNoScore() {
        assertThat(correlation(SAMPLES, s -> frameMean(s.sample(), Modality.AUDIO, AUDIO_PLAIN))).isBetween(-0.1, 0.1);
        assertThat(correlation(SAMPLES, s -> frameMean(s.sample(), Modality.VISION, VISION_PLAIN)))
                .isBetween(-0.1, 0.1);
    }

    @Test
    void domainsDifferInLabelPrior() {
        // Prior means before truncation: 1, −2/3, 1/3.
        assertThat(Statistics.mean(scores(inDomain(SAMPLES, 0)))).isGreaterThan(0.5);
        assertThat(Statistics.mean(scores(inDomain(SAMPLES, 1)))).isLessThan(-0.3);
        assertThat(Statistics.mean(scores(inDomain(SAMPLES, 2)))).isBetween(0.05, 0.5);
        assertThat(positiveShare(inDomain(SAMPLES, 0)) - positiveShare(inDomain(SAMPLES, 1))).isGreaterThan(0.25);
    }

    @Test
    void topicWordsAreBiasWordsAndFillersAreNot() {
        Lexicon lexicon = PLANTED.lexicon();
        for (int d = 0; d < 3; d++) {
            // CIDer's bias-word criterion is CV >= 0.1 over the class frequencies.
            assertThat(classFrequencyCv(SAMPLES, lexicon.topic(d)::contains)).as("topic words of domain %d", d)
                    .isGreaterThan(0.2);
        }
        assertThat(classFrequencyCv(SAMPLES, lexicon.filler()::contains)).isLessThan(0.05);
    }

    @Test
    void sentimentWordsFollowTheScore() {
        Lexicon lexicon = PLANTED.lexicon();
        double[] positive = classFrequencies(SAMPLES, lexicon.positive()::contains);
        double[] negative = classFrequencies(SAMPLES, lexicon.negative()::contains);

        // Index 0 is the negative class, 1 the positive.
        assertThat(positive[1]).isGreaterThan(1.5 * positive[0]);
        assertThat(negative[0]).isGreaterThan(1.5 * negative[1]);
    }

    @Test
    void keyframesCarryTheVisionEvidenceAndOtherFramesNone() {
        List<Double> keyValues = new ArrayList<>();
        List<Double> keyScores = new ArrayList<>();
        List<Double> otherValues = new ArrayList<>();
        List<Double> otherScores = new ArrayList<>();
        for (PlantedSample planted : SAMPLES) {
            Frames vision = planted.sample().frames(Modality.VISION);
            assertThat(planted.visionKeyframes()).hasSize(2);
            boolean[] keyframe = new boolean[vision.length()];
            for (int t : planted.visionKeyframes()) {
                keyframe[t] = true;
            }
            for (int t = 0; t < vision.length(); t++) {
                (keyframe[t] ? keyValues : otherValues).add((double) vision.at(t, VISION_INVARIANT));
                (keyframe[t] ? keyScores : otherScores).add((double) planted.sample().score());
            }
        }

        assertThat(ScoreStatistics.pearson(unbox(keyValues), unbox(keyScores))).isGreaterThan(0.3);
        assertThat(ScoreStatistics.pearson(unbox(otherValues), unbox(otherScores))).isBetween(-0.08, 0.08);
    }

    @Test
    void adjacentFramesAreRedundant() {
        assertThat(adjacentFrameCorrelation(SAMPLES, Modality.VISION, VISION_PLAIN)).isGreaterThan(0.6);
        assertThat(adjacentFrameCorrelation(SAMPLES, Modality.AUDIO, AUDIO_PLAIN)).isGreaterThan(0.6);
    }

    @Test
    void withoutPlantingNothingIsPlanted() {
        for (int feature = 0; feature < 4; feature++) {
            int f = feature;
            assertThat(correlation(NULL_SAMPLES, s -> frameMean(s.sample(), Modality.AUDIO, f))).isBetween(-0.1, 0.1);
            assertThat(correlation(NULL_SAMPLES, s -> frameMean(s.sample(), Modality.VISION, f))).isBetween(-0.1, 0.1);
        }
        assertThat(adjacentFrameCorrelation(NULL_SAMPLES, Modality.VISION, VISION_PLAIN)).isBetween(-0.05, 0.05);
        double mean0 = Statistics.mean(scores(inDomain(NULL_SAMPLES, 0)));
        double mean1 = Statistics.mean(scores(inDomain(NULL_SAMPLES, 1)));
        assertThat(Math.abs(mean0 - mean1)).isLessThan(0.25);
        Lexicon lexicon = PLANTED.lexicon();
        for (PlantedSample planted : NULL_SAMPLES) {
            assertThat(planted.visionKeyframes()).isEmpty();
            for (int id : planted.sample().tokenIds()) {
                assertThat(lexicon.positive().contains(id) || lexicon.negative().contains(id)).isFalse();
                assertThat(lexicon.topic(0).contains(id) || lexicon.topic(1).contains(id)
                        || lexicon.topic(2).contains(id)).isFalse();
            }
        }
    }

    /** Pearson's r between x[t − 1] and x[t] over all real frames of all samples. */
    private static double adjacentFrameCorrelation(List<PlantedSample> samples, Modality modality, int feature) {
        List<Double> previous = new ArrayList<>();
        List<Double> next = new ArrayList<>();
        for (PlantedSample planted : samples) {
            Frames frames = planted.sample().frames(modality);
            for (int t = 1; t < frames.length(); t++) {
                previous.add((double) frames.at(t - 1, feature));
                next.add((double) frames.at(t, feature));
            }
        }
        return ScoreStatistics.pearson(unbox(previous), unbox(next));
    }

    /** Per class (index 0: score < 0, 1: score > 0), the share of content words that match. */
    private static double[] classFrequencies(List<PlantedSample> samples, IntPredicate word) {
        double[] hits = new double[2];
        double[] words = new double[2];
        for (PlantedSample planted : samples) {
            Sample sample = planted.sample();
            if (sample.score() == 0) {
                continue;
            }
            int c = sample.score() > 0 ? 1 : 0;
            int length = sample.frames(Modality.TEXT).length();
            for (int t = 1; t < length - 1; t++) {
                words[c]++;
                hits[c] += word.test(sample.tokenIds()[t]) ? 1 : 0;
            }
        }
        return new double[] {hits[0] / words[0], hits[1] / words[1]};
    }

    private static double classFrequencyCv(List<PlantedSample> samples, IntPredicate word) {
        return Statistics.coefficientOfVariation(classFrequencies(samples, word));
    }

    private static double keyframeMean(PlantedSample planted, int feature) {
        Frames vision = planted.sample().frames(Modality.VISION);
        double sum = 0;
        for (int t : planted.visionKeyframes()) {
            sum += vision.at(t, feature);
        }
        return sum / planted.visionKeyframes().length;
    }

    /** The mean of one feature over the real frames. */
    private static double frameMean(Sample sample, Modality modality, int feature) {
        Frames frames = sample.frames(modality);
        double sum = 0;
        for (int t = 0; t < frames.length(); t++) {
            sum += frames.at(t, feature);
        }
        return sum / frames.length();
    }

    private static double correlation(List<PlantedSample> samples, ToDoubleFunction<PlantedSample> feature) {
        return ScoreStatistics.pearson(samples.stream().mapToDouble(feature).toArray(), scores(samples));
    }

    private static double positiveShare(List<PlantedSample> samples) {
        return samples.stream().filter(s -> s.sample().score() > 0).count() / (double) samples.size();
    }

    private static double[] scores(List<PlantedSample> samples) {
        return samples.stream().mapToDouble(s -> s.sample().score()).toArray();
    }

    private static double[] unbox(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<PlantedSample> inDomain(List<PlantedSample> samples, int domain) {
        return samples.stream().filter(s -> s.sample().domain() == domain).toList();
    }

    private static Testbed tiny(Planting planting) {
        return new Testbed(TestbedConfig.preset("tiny").withSplits(new SplitSizes(1200, 0, 0)).withPlanting(planting),
                2024);
    }

    private static List<PlantedSample> generate(Testbed testbed) {
        TestbedSplit train = testbed.split("train");
        List<PlantedSample> samples = new ArrayList<>(train.size());
        for (int i = 0; i < train.size(); i++) {
            samples.add(train.planted(i));
        }
        return samples;
    }
}
