package io.mosaic.losses.maci;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * CIDer's bias-word dictionary: counts each token's occurrences per class, and selects the frequent tokens whose
 * counts vary across classes. The coefficient of variation of a token is σ/μ of its K per-class counts (population
 * standard deviation, every class of the task included). Tokens of equal total count keep the order of their first
 * occurrence, as the reference's stable sort over a dictionary filled in data order does.
 */
final class BiasWords {
    private final int vocabulary;
    private final int classes;
    private final long[] counts;
    /** The rank of each token's first occurrence among the tokens counted so far; -1 for a token not seen. */
    private final int[] firstSeen;
    private int seen;

    BiasWords(int vocabulary, int classes) {
        this.vocabulary = vocabulary;
        this.classes = classes;
        this.counts = new long[vocabulary * classes];
        this.firstSeen = new int[vocabulary];
        Arrays.fill(firstSeen, -1);
    }

    /**
     * Counts one occurrence of {@code token} in a sample of class {@code label}; call it in data order (samples in
     * split order, tokens in sequence order), which decides ties.
     */
    void add(long token, long label) {
        if (token < 0 || token >= vocabulary) {
            throw new IllegalArgumentException("a token id is in [0, " + vocabulary + "), found " + token);
        }
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("a class label is in [0, " + classes + "), found " + label);
        }
        if (firstSeen[(int) token] < 0) {
            firstSeen[(int) token] = seen++;
        }
        counts[(int) token * classes + (int) label]++;
    }

    /**
     * The tokens seen at least once whose coefficient of variation is at least {@code minVariation}, by total count
     * (descending, ties by first occurrence), at most {@code words} of them.
     */
    int[] select(int words, double minVariation) {
        return IntStream.range(0, vocabulary)
                .filter(token -> total(token) > 0 && variation(token) >= minVariation)
                .boxed()
                .sorted(Comparator.comparingLong((Integer token) -> -total(token))
                        .thenComparingInt(token -> firstSeen[token]))
                .limit(words)
                .mapToInt(Integer::intValue)
                .toArray();
    }

    private long total(int token) {
        long total = 0;
        for (int c = 0; c < classes; c++) {
            total += counts[token * classes + c];
        }
        return total;
    }

    /** σ/μ of the per-class counts; μ > 0 for every token this is asked about. */
    private double variation(int token) {
        double mean = (double) total(token) / classes;
        double squares = 0;
        for (int c = 0; c < classes; c++) {
            double deviation = counts[token * classes + c] - mean;
            squares += deviation * deviation;
        }
        return Math.sqrt(squares / classes) / mean;
    }
}
