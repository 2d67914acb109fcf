package io.mosaic.runtime.data.testbed;

import io.mosaic.api.data.SpecialTokens;
import io.mosaic.api.model.FeatureShape;

/**
 * The text: token positions, the width of the precomputed token features, and the vocabulary's word roles.
 *
 * @param steps               padded number of token positions, [CLS] and [SEP] included
 * @param featureDim          width of a token feature (d_l)
 * @param vocabulary          number of token ids; words take the ids after {@link SpecialTokens#MASK}
 * @param sentimentWords      number of positive words, and of negative words
 * @param topicWordsPerDomain number of topic words of each domain
 */
public record TextLayout(int steps, int featureDim, int vocabulary, int sentimentWords, int topicWordsPerDomain) {

    /** The first id that is a word rather than a special token. */
    public static final int FIRST_WORD = SpecialTokens.MASK + 1;

    public TextLayout {
        if (steps < 3) {
            throw new IllegalArgumentException("text needs >= 3 positions ([CLS], a word, [SEP]), got " + steps);
        }
        if (featureDim < 1) {
            throw new IllegalArgumentException("token features need a width >= 1, got " + featureDim);
        }
        if (sentimentWords < 0 || topicWordsPerDomain < 0) {
            throw new IllegalArgumentException("word counts must be >= 0, got " + sentimentWords + " sentiment and "
                    + topicWordsPerDomain + " topic words");
        }
    }

    public FeatureShape shape() {
        return FeatureShape.sequence(steps, featureDim);
    }
}
