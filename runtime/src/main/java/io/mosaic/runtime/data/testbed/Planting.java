package io.mosaic.runtime.data.testbed;

/**
 * The strengths of the planted structure; zero switches a structure off. Scores enter the features as ỹ = y/3.
 *
 * @param labelShift    how far domain means lie from 0, in score units (domain d's mean is
 *                      labelShift·(−1)^d·(D − d)/D, see {@link Domains})
 * @param scoreSpread   standard deviation of the score around its domain mean, before truncation to [−3, 3]
 * @param invariant     amplitude of ỹ in the invariant dimensions of audio and vision
 * @param spurious      amplitude of ỹ in the spurious dimensions, before the domain's factor
 * @param sentimentRate probability that a content word is a sentiment word; it is positive with probability (1 + ỹ)/2
 * @param topicRate     probability that a content word is a topic word of the sample's domain, when ỹ = 0
 * @param topicBias     in [0, 1]: the topic probability is topicRate·(1 + topicBias·s·ỹ), s = ±1 the domain's lean
 * @param holdFrames    mean number of frames a held segment lasts (uniform in [1, 2·holdFrames − 1]); 1 = no
 *                      redundancy
 * @param jitter        standard deviation of the per-frame jitter around a held segment
 * @param keyframes     number of vision frames that carry the invariant evidence; 0 puts it in every frame
 * @param noise         standard deviation of the Gaussian noise on every audio and vision feature
 * @param contextNoise  standard deviation of the noise added to a token's embedding row
 * @param unimodalShift σ of the modality-specific scores y_s = y + δ_s, δ_s ~ N(0, σ²) per sample and modality
 *                      (truncated so that y_s stays in [−3, 3]); each modality's cues read y_s instead of y; 0 = off
 */
public record Planting(double labelShift, double scoreSpread, double invariant, double spurious,
                       double sentimentRate, double topicRate, double topicBias,
                       int holdFrames, double jitter, int keyframes, double noise, double contextNoise,
                       double unimodalShift) {

    /**
     * The largest unimodal shift: a standard deviation of the whole score range [−3, 3], beyond which y_s would be
     * mostly noise (and redrawing it into the range slow).
     */
    public static final double MAX_UNIMODAL_SHIFT = Domains.MAX_SCORE;

    public Planting {
        requireUnitInterval("sentimentRate", sentimentRate);
        requireUnitInterval("topicRate", topicRate);
        requireUnitInterval("topicBias", topicBias);
        requireAmount("labelShift", labelShift);
        requireAmount("invariant", invariant);
        requireAmount("spurious", spurious);
        requireAmount("jitter", jitter);
        requireAmount("noise", noise);
        requireAmount("contextNoise", contextNoise);
        requireAmount("unimodalShift", unimodalShift);
        if (unimodalShift > MAX_UNIMODAL_SHIFT) {
            throw new IllegalArgumentException("unimodalShift must be <= " + MAX_UNIMODAL_SHIFT + ", got "
                    + unimodalShift);
        }
        if (labelShift > 3 || scoreSpread <= 0 || !Double.isFinite(scoreSpread)) {
            throw new IllegalArgumentException("domain means must be scores (labelShift in [0, 3]) and the spread"
                    + " positive, got labelShift " + labelShift + " and scoreSpread " + scoreSpread);
        }
        if (sentimentRate + topicRate * (1 + topicBias) > 1) {
            throw new IllegalArgumentException("sentimentRate + topicRate·(1 + topicBias) is a probability and must be"
                    + " <= 1, got " + (sentimentRate + topicRate * (1 + topicBias)));
        }
        if (holdFrames < 1 || keyframes < 0) {
            throw new IllegalArgumentException("holdFrames must be >= 1 and keyframes >= 0, got " + holdFrames
                    + " and " + keyframes);
        }
    }

    /** Strengths without modality-specific scores: every modality's cues read the sample's score y. */
    public Planting(double labelShift, double scoreSpread, double invariant, double spurious,
                    double sentimentRate, double topicRate, double topicBias,
                    int holdFrames, double jitter, int keyframes, double noise, double contextNoise) {
        this(labelShift, scoreSpread, invariant, spurious, sentimentRate, topicRate, topicBias, holdFrames, jitter,
                keyframes, noise, contextNoise, 0);
    }

    /** These strengths with modality-specific scores of spread σ = {@code shift} (0 switches them off). */
    public Planting withUnimodalShift(double shift) {
        return new Planting(labelShift, scoreSpread, invariant, spurious, sentimentRate, topicRate, topicBias,
                holdFrames, jitter, keyframes, noise, contextNoise, shift);
    }

    /**
     * The presets' strengths, with their segment length and keyframe count. Inside a domain the spurious cue (1.5) is
     * stronger than the invariant one (1.0), so that a model has a reason to lean on it (S2LIF's premise).
     */
    static Planting standard(int holdFrames, int keyframes) {
        return new Planting(1.0, 1.5, 1.0, 1.5, 0.25, 0.15, 0.8, holdFrames, 0.05, keyframes, 0.3, 0.1);
    }

    /** No structure at all: scores of one prior and features of pure noise, the null control for any claim. */
    public static Planting none() {
        return new Planting(0, 1.5, 0, 0, 0, 0, 0, 1, 0, 0, 0.3, 0.1);
    }

    private static void requireUnitInterval(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
        }
    }

    private static void requireAmount(String name, double value) {
        if (!(value >= 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
        }
    }
}
