package io.mosaic.runtime.train;

import io.mosaic.runtime.metrics.MetricSet;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A model's results on one split.
 *
 * @param metrics       the task's metrics, and {@code loss}
 * @param predictions   per sample: the predicted score (regression) or class id
 * @param strength      the debiaser's strength the predictions were made with; empty without a debiaser
 * @param samples       the split's samples, in the order of {@code predictions}
 * @param probabilities per sample, each class's probability (the softmax of the model's logits) for a class task;
 *                      {@code null} for regression
 */
public record Evaluation(MetricSet metrics, double[] predictions, OptionalDouble strength, Samples samples,
                         double[][] probabilities) {

    /**
     * What the predictions are of.
     *
     * @param ids     each sample's id
     * @param domains each sample's domain id (0 when the data has one domain)
     * @param targets each sample's target: its score (regression) or class id
     */
    public record Samples(List<String> ids, int[] domains, double[] targets) {
        public Samples {
            ids = List.copyOf(ids);
            if (domains.length != ids.size() || targets.length != ids.size()) {
                throw new IllegalArgumentException(ids.size() + " ids, " + domains.length + " domains and "
                        + targets.length + " targets: one of each per sample expected");
            }
        }
    }
}
