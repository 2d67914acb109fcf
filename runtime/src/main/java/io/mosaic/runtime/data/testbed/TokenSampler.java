package io.mosaic.runtime.data.testbed;

import io.mosaic.api.data.SpecialTokens;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Draws a text's token ids: [CLS], content words, [SEP], then [PAD] up to the padded length. */
final class TokenSampler {

    private final int steps;
    private final Lexicon lexicon;
    private final Domains domains;
    private final double sentimentRate;
    private final double topicRate;
    private final double topicBias;

    TokenSampler(TextLayout text, Lexicon lexicon, Domains domains, Planting planting) {
        this.steps = text.steps();
        this.lexicon = lexicon;
        this.domains = domains;
        this.sentimentRate = planting.sentimentRate();
        this.topicRate = planting.topicRate();
        this.topicBias = planting.topicBias();
    }

    /**
     * @param scaledScore ỹ = y/3 in [−1, 1]
     * @param length      the true length, [CLS] and [SEP] included, in [3, steps]
     */
    int[] draw(SplittableRandom random, double scaledScore, int domain, int length) {
        int[] ids = new int[steps];
        ids[0] = SpecialTokens.CLS;
        // A sentiment word is positive with probability (1 + ỹ)/2; a topic word comes more often when ỹ agrees
        // with the domain's lean s: topicRate·(1 + topicBias·s·ỹ).
        double positive = (1 + scaledScore) / 2;
        double topicOrSentiment = sentimentRate + topicRate * (1 + topicBias * domains.lean(domain) * scaledScore);
        WordRange topic = lexicon.topic(domain);
        for (int t = 1; t < length - 1; t++) {
            double u = random.nextDouble();
            WordRange role;
            if (u < sentimentRate) {
                role = random.nextDouble() < positive ? lexicon.positive() : lexicon.negative();
            } else if (u < topicOrSentiment) {
                role = topic;
            } else {
                role = lexicon.filler();
            }
            ids[t] = role.draw(random);
        }
        ids[length - 1] = SpecialTokens.SEP;
        Arrays.fill(ids, length, steps, SpecialTokens.PAD);
        return ids;
    }
}
