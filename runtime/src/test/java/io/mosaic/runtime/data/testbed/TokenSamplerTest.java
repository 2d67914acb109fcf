package io.mosaic.runtime.data.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.api.data.SpecialTokens;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokenSamplerTest {

    private static final TextLayout TEXT = new TextLayout(12, 8, 200, 4, 3);
    private static final Lexicon LEXICON = new Lexicon(TEXT, 3);

    private static TokenSampler sampler(double sentimentRate, double topicRate, double topicBias) {
        Planting planting = new Planting(1, 1.5, 1, 1, sentimentRate, topicRate, topicBias, 3, 0.05, 2, 0.3, 0.1);
        return new TokenSampler(TEXT, LEXICON, new Domains(3, planting), planting);
    }

    @Test
    void aTextIsClsContentSepThenPadding() {
        int[] ids = sampler(0.25, 0.15, 0.8).draw(new SplittableRandom(1), 0.3, 1, 7);

        assertThat(ids).hasSize(12);
        assertThat(ids[0]).isEqualTo(SpecialTokens.CLS);
        assertThat(ids[6]).isEqualTo(SpecialTokens.SEP);
        assertThat(Arrays.copyOfRange(ids, 7, 12)).containsOnly(SpecialTokens.PAD);
        for (int t = 1; t < 6; t++) {
            assertThat(ids[t]).isBetween(TextLayout.FIRST_WORD, 199);
        }
    }

    @Test
    void withEveryWordASentimentWordTheExtremeScoresChooseOnePolarity() {
        TokenSampler allSentiment = sampler(1, 0, 0);

        int[] positive = allSentiment.draw(new SplittableRandom(2), 1, 0, 12);
        int[] negative = allSentiment.draw(new SplittableRandom(3), -1, 0, 12);

        for (int t = 1; t < 11; t++) {
            assertThat(LEXICON.positive().contains(positive[t])).isTrue();
            assertThat(LEXICON.negative().contains(negative[t])).isTrue();
        }
    }

    @Test
    void withoutSentimentOrTopicRatesEveryContentWordIsFiller() {
        int[] ids = sampler(0, 0, 0).draw(new SplittableRandom(4), 0.9, 2, 12);

        for (int t = 1; t < 11; t++) {
            assertThat(LEXICON.filler().contains(ids[t])).isTrue();
        }
    }

    @Test
    void topicWordsComeFromTheSamplesDomainAtTheClosedFormRate() {
        // Domain 1 leans negative (s = −1): at ỹ = −0.5 a word is topical with 0.2·(1 + 0.5·(−1)·(−0.5)) = 0.25.
        TokenSampler onlyTopics = sampler(0, 0.2, 0.5);
        SplittableRandom random = new SplittableRandom(5);
        int topical = 0;
        int words = 0;
        for (int i = 0; i < 4000; i++) {
            int[] ids = onlyTopics.draw(random, -0.5, 1, 12);
            for (int t = 1; t < 11; t++) {
                assertThat(LEXICON.topic(0).contains(ids[t]) || LEXICON.topic(2).contains(ids[t])).isFalse();
                topical += LEXICON.topic(1).contains(ids[t]) ? 1 : 0;
                words++;
            }
        }

        // 40,000 words: the rate's standard error is about 0.002.
        assertThat((double) topical / words).isBetween(0.24, 0.26);
    }
}
