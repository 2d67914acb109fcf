/**
 * Evaluation metrics over plain arrays, following MMSA's definitions ({@code utils/metricsTop.py}), kept at full
 * precision: MOSI/MOSEI score metrics, SIMS binned metrics and class-id metrics, all returned as a {@link
 * io.mosaic.runtime.metrics.MetricSet} keyed by {@link io.mosaic.runtime.metrics.Metric}.
 */
package io.mosaic.runtime.metrics;
