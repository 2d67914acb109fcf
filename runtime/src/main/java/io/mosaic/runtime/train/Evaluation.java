package io.mosaic.runtime.train;

import io.mosaic.runtime.metrics.MetricSet;

/**
 * A model's results on one split.
 *
 * @param metrics     the task's metrics, and {@code loss}
 * @param predictions per sample: the predicted score (regression) or class id
 */
public record Evaluation(MetricSet metrics, double[] predictions) {
}
