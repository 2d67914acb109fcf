package io.mosaic.runtime.run;

import java.util.List;
import java.util.Map;

/**
 * One missing-modality sweep of a run, as {@code metrics.json} holds it.
 *
 * @param curves each metric's value at each rate
 * @param auilc  each metric's area under its curve (trapezoid over the rates)
 */
public record SweepSummary(List<Double> rates, Map<String, List<Double>> curves, Map<String, Double> auilc) {
}
