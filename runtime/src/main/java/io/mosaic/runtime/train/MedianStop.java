package io.mosaic.runtime.train;

import io.mosaic.runtime.metrics.Direction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The median stopping rule (Golovin et al. 2017, "Google Vizier", section 3.2.2): a trial stops after epoch {@code e}
 * when its best objective value so far is strictly worse than the median of the completed trials' running bests at
 * {@code e}. Its inputs are fixed when the trial starts (they travel in its assembly), so that the trial stops at the
 * same epoch wherever it runs.
 *
 * @param curve the median at each epoch (index 0 is epoch 1); epochs past its end stop nothing
 * @param from  the first epoch the rule may stop after: the epochs before it are the grace period
 */
public record MedianStop(List<Double> curve, int from, Direction direction) {

    public MedianStop {
        curve = List.copyOf(curve);
        if (from < 1) {
            throw new IllegalArgumentException("the median rule's first epoch is at least 1, got " + from);
        }
    }

    /** Whether a trial whose best value after {@code epoch} is {@code bestSoFar} stops there. */
    public boolean stopsAfter(int epoch, double bestSoFar) {
        if (epoch < from || epoch > curve.size()) {
            return false;
        }
        double median = curve.get(epoch - 1);
        return direction.isBetter(median, bestSoFar) || Double.isNaN(bestSoFar);
    }

    /**
     * The rule's curve from the completed trials' validation curves: at each epoch {@code e}, the median of the
     * running best (by {@code direction}) up to {@code e} of the trials that reached {@code e}. The curve ends at the
     * last epoch that at least {@code minTrials} trials reached; it is empty with fewer trials.
     *
     * @param curves each completed trial's selection metric per epoch, epoch 1 first
     */
    public static List<Double> medianCurve(List<List<Double>> curves, int minTrials, Direction direction) {
        List<Double> medians = new ArrayList<>();
        for (int epoch = 1; ; epoch++) {
            List<Double> bests = new ArrayList<>();
            for (List<Double> curve : curves) {
                if (curve.size() >= epoch) {
                    bests.add(runningBest(curve.subList(0, epoch), direction));
                }
            }
            if (bests.size() < Math.max(1, minTrials)) {
                return medians;
            }
            medians.add(median(bests));
        }
    }

    /** The best of {@code values} by {@code direction}; NaN when none is defined. */
    static double runningBest(List<Double> values, Direction direction) {
        double best = Double.NaN;
        for (double value : values) {
            if (direction.isBetter(value, best)) {
                best = value;
            }
        }
        return best;
    }

    /** The median: the middle value, or the mean of the two middle ones; NaN values sort last. */
    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
