package io.mosaic.runtime.data.testbed;

import io.mosaic.api.data.Modality;
import io.mosaic.runtime.data.Frames;
import io.mosaic.runtime.data.Sample;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Computes the sample at (seed, split, index) from a random stream of its own, so that no state is kept. */
final class SampleGenerator {

    private static final int[] EVERY_FRAME = {};
    /** Keys a sample's stream of modality-specific shifts, beside (seed, split, index) of its main stream. */
    private static final long SHIFT_STREAM = 1;

    private final long seed;
    private final TestbedConfig config;
    private final Domains domains;
    private final TokenSampler tokens;
    private final TokenFeatures tokenFeatures;
    private final FrameGenerator audio;
    private final FrameGenerator vision;
    private final UnimodalScores unimodalScores;

    SampleGenerator(TestbedConfig config, long seed, Domains domains, Lexicon lexicon) {
        this.seed = seed;
        this.config = config;
        this.domains = domains;
        Planting planting = config.planting();
        this.tokens = new TokenSampler(config.text(), lexicon, domains, planting);
        this.tokenFeatures = new TokenFeatures(config.text(), planting.contextNoise(), Seeds.key(seed));
        this.audio = new FrameGenerator(config.audio(), planting);
        this.vision = new FrameGenerator(config.vision(), planting);
        this.unimodalScores = new UnimodalScores(planting.unimodalShift());
    }

    /** The domain of the sample {@link #generate} gives, without generating the rest: its stream's first draw. */
    int domain(int splitOrdinal, int index, int[] splitDomains) {
        return drawDomain(new SplittableRandom(Seeds.key(seed, splitOrdinal, index)), splitDomains);
    }

    private static int drawDomain(SplittableRandom random, int[] splitDomains) {
        return splitDomains[random.nextInt(splitDomains.length)];
    }

    /**
     * @param id           the sample's id
     * @param splitOrdinal the split's position in the dataset's split list, which keys its streams
     * @param splitDomains the domains the split draws from, uniformly
     */
    PlantedSample generate(String id, int splitOrdinal, int index, int[] splitDomains) {
        SplittableRandom random = new SplittableRandom(Seeds.key(seed, splitOrdinal, index));
        Planting planting = config.planting();
        int domain = drawDomain(random, splitDomains);
        double score = domains.drawScore(random, domain);
        // Each modality's cues read its own score y_s (= y without a unimodal shift), scaled as ỹ_s = y_s/3.
        Map<Modality, Double> modalityScores = unimodalScores.draw(
                new SplittableRandom(Seeds.key(seed, splitOrdinal, index, SHIFT_STREAM)), score);
        double textScaled = modalityScores.get(Modality.TEXT) / Domains.MAX_SCORE;
        double audioScaled = modalityScores.get(Modality.AUDIO) / Domains.MAX_SCORE;
        double visionScaled = modalityScores.get(Modality.VISION) / Domains.MAX_SCORE;
        double fraction = config.minLengthFraction() + (1 - config.minLengthFraction()) * random.nextDouble();

        int textLength = length(fraction, config.text().steps(), 3);
        int[] ids = tokens.draw(random, textScaled, domain, textLength);
        Frames text = tokenFeatures.features(random, ids, textLength);

        double spuriousAmplitude = planting.spurious() * domains.spuriousFactor(domain);
        // Word-aligned frames are one per text position, [CLS] and [SEP] included, as in MMSA's aligned_50 files.
        boolean aligned = config.wordAligned();
        int audioLength = aligned ? textLength : length(fraction, config.audio().steps(), 1);
        Frames audioFrames = audio.generate(random, planting.invariant() * audioScaled,
                spuriousAmplitude * audioScaled, audioLength, EVERY_FRAME);
        int visionLength = aligned ? textLength : length(fraction, config.vision().steps(), 1);
        int[] keyframes = planting.keyframes() == 0
                ? EVERY_FRAME
                : FrameGenerator.drawKeyframes(random, planting.keyframes(), visionLength);
        Frames visionFrames = vision.generate(random, planting.invariant() * visionScaled,
                spuriousAmplitude * visionScaled, visionLength, keyframes);

        Map<Modality, Float> unimodal = new EnumMap<>(Modality.class);
        modalityScores.forEach((modality, value) -> unimodal.put(modality, value.floatValue()));
        Sample sample = new Sample(id, (float) score, domain, ids,
                Map.of(Modality.TEXT, text, Modality.AUDIO, audioFrames, Modality.VISION, visionFrames), unimodal);
        return new PlantedSample(sample, keyframes);
    }

    /** The token embedding row of {@code id} (without context noise). */
    float[] embedding(int id) {
        return tokenFeatures.embedding(id);
    }

    /** The true length: the sample's fraction of the padded length, at least {@code minimum}. */
    private static int length(double fraction, int steps, int minimum) {
        return Math.max(minimum, (int) Math.round(fraction * steps));
    }
}
