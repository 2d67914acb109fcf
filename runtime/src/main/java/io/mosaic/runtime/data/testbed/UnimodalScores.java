package io.mosaic.runtime.data.testbed;

import io.mosaic.api.data.Modality;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Modality-specific scores (testbed.md, planted structure 6): y_s = y + δ_s for s ∈ {text, audio, vision}, δ_s ~
 * N(0, σ²) independently per sample and modality, redrawn until y_s lies in [−3, 3] (a normal truncated to the score
 * range, as {@link Domains#drawScore} truncates y). With σ = 0 every y_s is y and nothing is drawn.
 */
final class UnimodalScores {

    private final double shift;

    /** @param shift σ, at least 0 */
    UnimodalScores(double shift) {
        this.shift = shift;
    }

    /**
     * @param random the sample's own stream of shifts, apart from the stream its features come from, so that
     *               switching the shift on changes the evidence's score and nothing else
     * @param score  y in [−3, 3]
     * @return y_s per modality, in {@link Modality} order
     */
    Map<Modality, Double> draw(SplittableRandom random, double score) {
        Map<Modality, Double> scores = new EnumMap<>(Modality.class);
        for (Modality modality : Modality.values()) {
            scores.put(modality, shift == 0 ? score : shifted(random, score));
        }
        return scores;
    }

    private double shifted(SplittableRandom random, double score) {
        double shifted;
        do {
            shifted = score + shift * random.nextGaussian();
        } while (Math.abs(shifted) > Domains.MAX_SCORE);
        return shifted;
    }
}
