package io.mosaic.runtime.train;

import io.mosaic.runtime.metrics.MetricSet;
import java.util.OptionalDouble;

/**
 * A model's results on one split.
 *
 * @param metrics     the task's metrics, and {@code loss}
 * @param predictions per sample: the predicted score (regression) or class id
 * @param strength    the debiaser's strength the predictions were made with; empty without a debiaser
 */
public record Evaluation(MetricSet metrics, double[] predictions, OptionalDouble strength) {
}
