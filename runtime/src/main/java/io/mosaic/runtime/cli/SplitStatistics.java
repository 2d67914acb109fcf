package io.mosaic.runtime.cli;

import io.mosaic.api.data.Modality;
import io.mosaic.api.data.Task;
import io.mosaic.runtime.data.Sample;
import io.mosaic.runtime.data.Split;
import java.util.EnumMap;
import java.util.Map;

/**
 * What {@code data inspect} reports of a split: per modality the true lengths, the regression scores with the
 * histogram of their 7 classes (scores clipped to [−3, 3] and rounded half to even, MMSA's Acc-7 bins), and the
 * unimodal labels of the modalities that have them.
 */
final class SplitStatistics {
    private static final Task SEVEN_CLASSES = new Task(7);

    /** Running minimum, mean and maximum of a series; with no values, all three are NaN. */
    static final class Summary {
        private long count;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private double sum;

        void add(double value) {
            count++;
            min = Math.min(min, value);
            max = Math.max(max, value);
            sum += value;
        }

        double min() {
            return count == 0 ? Double.NaN : min;
        }

        double mean() {
            return count == 0 ? Double.NaN : sum / count;
        }

        double max() {
            return count == 0 ? Double.NaN : max;
        }
    }

    private final Map<Modality, Summary> lengths = new EnumMap<>(Modality.class);
    private final Summary scores = new Summary();
    private final Map<Modality, Summary> unimodalScores = new EnumMap<>(Modality.class);
    private final int[] classCounts = new int[SEVEN_CLASSES.classes()];

    private SplitStatistics() {
        for (Modality modality : Modality.values()) {
            lengths.put(modality, new Summary());
        }
    }

    /** One pass over the split's samples. */
    static SplitStatistics of(Split split) {
        SplitStatistics statistics = new SplitStatistics();
        for (int i = 0; i < split.size(); i++) {
            Sample sample = split.sample(i);
            for (Modality modality : Modality.values()) {
                statistics.lengths.get(modality).add(sample.frames(modality).length());
            }
            statistics.scores.add(sample.score());
            sample.modalityScores().forEach((modality, score) ->
                    statistics.unimodalScores.computeIfAbsent(modality, m -> new Summary()).add(score));
            statistics.classCounts[SEVEN_CLASSES.classOf(sample.score())]++;
        }
        return statistics;
    }

    Summary lengths(Modality modality) {
        return lengths.get(modality);
    }

    Summary scores() {
        return scores;
    }

    /** Per modality with unimodal labels, in {@link Modality} order, their summary. */
    Map<Modality, Summary> unimodalScores() {
        return unimodalScores;
    }

    /** How many scores fall in each class, from −3 (index 0) to 3 (index 6). */
    int[] classCounts() {
        return classCounts.clone();
    }
}
