package io.mosaic.runtime.train;

import io.mosaic.runtime.metrics.Auilc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The selected checkpoint on the test split at each missing rate of a protocol.
 *
 * @param evaluations one per rate, in the rates' order
 */
public record SweepResult(String protocol, List<Double> rates, List<Evaluation> evaluations) {

    public SweepResult {
        rates = List.copyOf(rates);
        evaluations = List.copyOf(evaluations);
    }

    /** Metric id to its value at each rate, for {@code metrics} (all the evaluations have when empty). */
    public Map<String, List<Double>> curves(List<String> metrics) {
        List<String> chosen = metrics.isEmpty() ? List.copyOf(evaluations.get(0).metrics().asMap().keySet()) : metrics;
        Map<String, List<Double>> curves = new LinkedHashMap<>();
        for (String metric : chosen) {
            curves.put(metric, evaluations.stream().map(e -> e.metrics().get(metric)).toList());
        }
        return curves;
    }

    /** The AUILC of each curve; empty when fewer than two rates were evaluated. */
    public Map<String, Double> auilc(List<String> metrics) {
        Map<String, Double> areas = new LinkedHashMap<>();
        if (rates.size() < 2) {
            return areas;
        }
        double[] x = rates.stream().mapToDouble(Double::doubleValue).toArray();
        curves(metrics).forEach((metric, values) ->
                areas.put(metric, Auilc.of(x, values.stream().mapToDouble(Double::doubleValue).toArray())));
        return areas;
    }
}
