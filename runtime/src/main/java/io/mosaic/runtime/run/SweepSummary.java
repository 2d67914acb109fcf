package io.mosaic.runtime.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mosaic.runtime.metrics.Robustness;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sweep of a run (a missing-modality or noise protocol over its levels), as {@code metrics.json} holds it.
 *
 * @param rates              the levels: missing rates, or a noise protocol's standard deviations
 * @param curves             each metric's value at each level
 * @param auilc              each metric's area under its curve (trapezoid over the levels)
 * @param relativeRobustness each metric's relative robustness (MultiBench, see {@link Robustness#relative}): the
 *                           area divided by the levels' range; computed from the curves when a file written before
 *                           it existed lacks it, empty with fewer than two levels
 */
public record SweepSummary(List<Double> rates, Map<String, List<Double>> curves, Map<String, Double> auilc,
                           @JsonProperty("relative_robustness") Map<String, Double> relativeRobustness) {

    public SweepSummary {
        if (relativeRobustness == null) {
            relativeRobustness = relativeRobustness(rates, curves);
        }
    }

    /** A sweep whose relative robustness is computed from its curves. */
    public SweepSummary(List<Double> rates, Map<String, List<Double>> curves, Map<String, Double> auilc) {
        this(rates, curves, auilc, null);
    }

    /** Each curve's relative robustness over {@code levels}; empty when fewer than two levels were evaluated. */
    public static Map<String, Double> relativeRobustness(List<Double> levels, Map<String, List<Double>> curves) {
        Map<String, Double> measures = new LinkedHashMap<>();
        if (levels.size() < 2) {
            return measures;
        }
        double[] x = levels.stream().mapToDouble(Double::doubleValue).toArray();
        curves.forEach((metric, values) ->
                measures.put(metric, Robustness.relative(x, values.stream().mapToDouble(Double::doubleValue)
                        .toArray())));
        return measures;
    }
}
