package io.mosaic.runtime.compare;

import io.mosaic.runtime.metrics.MeanStd;
import java.util.List;
import java.util.Map;

/**
 * One missing-modality sweep of an assembly over its seeds.
 *
 * @param curves each metric's mean over the seeds at each rate
 * @param auilc  each metric's area under its curve, over the seeds
 */
public record SweepComparison(List<Double> rates, Map<String, List<Double>> curves, Map<String, MeanStd> auilc) {
}
