package io.mosaic.runtime.data.testbed;

import java.util.SplittableRandom;

/**
 * What makes the D domains differ: their label prior and the factor of their spurious signal.
 *
 * <p>Domain d leans to the sign s_d = (−1)^d; its mean score is labelShift·s_d·(D − d)/D, so the leans alternate and
 * weaken with d. Its spurious factor falls linearly from +1 (domain 0) to −1 (domain D − 1): 1 − 2d/(D − 1), and 1 when
 * there is a single domain.
 */
public final class Domains {

    /** Scores are MOSI's: in [−3, 3]. */
    public static final double MAX_SCORE = 3;

    private final int count;
    private final double labelShift;
    private final double scoreSpread;

    Domains(int count, Planting planting) {
        this.count = count;
        this.labelShift = planting.labelShift();
        this.scoreSpread = planting.scoreSpread();
    }

    public int count() {
        return count;
    }

    /** s_d: +1 for even domains, −1 for odd ones. */
    public int lean(int domain) {
        requireDomain(domain);
        return domain % 2 == 0 ? 1 : -1;
    }

    /** The mean of the domain's score prior before truncation: labelShift·s_d·(D − d)/D. */
    public double meanScore(int domain) {
        return labelShift * lean(domain) * (count - domain) / count;
    }

    /** The factor of the spurious signal in the domain: 1 − 2d/(D − 1), or 1 for a single domain. */
    public double spuriousFactor(int domain) {
        requireDomain(domain);
        return count == 1 ? 1 : 1 - 2.0 * domain / (count - 1);
    }

    /** A score from the domain's prior: a normal around its mean, truncated to [−3, 3] by rejection. */
    double drawScore(SplittableRandom random, int domain) {
        double mean = meanScore(domain);
        double score;
        do {
            score = mean + scoreSpread * random.nextGaussian();
        } while (Math.abs(score) > MAX_SCORE);
        return score;
    }

    private void requireDomain(int domain) {
        if (domain < 0 || domain >= count) {
            throw new IllegalArgumentException("domain " + domain + " is outside [0, " + count + ")");
        }
    }
}
