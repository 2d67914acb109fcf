package io.mosaic.runtime.data.testbed;

/**
 * The roles of the word ids, in consecutive ranges from {@link TextLayout#FIRST_WORD}: positive sentiment words,
 * negative sentiment words, the topic words of each domain in domain order, then filler words up to the vocabulary.
 */
public final class Lexicon {

    private final WordRange positive;
    private final WordRange negative;
    private final WordRange[] topics;
    private final WordRange filler;

    Lexicon(TextLayout text, int domains) {
        int sentiment = text.sentimentWords();
        int topic = text.topicWordsPerDomain();
        positive = new WordRange(TextLayout.FIRST_WORD, TextLayout.FIRST_WORD + sentiment);
        negative = new WordRange(positive.end(), positive.end() + sentiment);
        topics = new WordRange[domains];
        for (int d = 0; d < domains; d++) {
            int first = negative.end() + d * topic;
            topics[d] = new WordRange(first, first + topic);
        }
        filler = new WordRange(negative.end() + domains * topic, text.vocabulary());
    }

    public WordRange positive() {
        return positive;
    }

    public WordRange negative() {
        return negative;
    }

    public WordRange topic(int domain) {
        if (domain < 0 || domain >= topics.length) {
            throw new IllegalArgumentException("domain " + domain + " is outside [0, " + topics.length + ")");
        }
        return topics[domain];
    }

    public WordRange filler() {
        return filler;
    }
}
