package io.mosaic.runtime.compare.report;

import io.mosaic.runtime.compare.AssemblyComparison;
import io.mosaic.runtime.compare.Comparison;
import io.mosaic.runtime.metrics.Direction;
import io.mosaic.runtime.metrics.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the comparison page charts, decided here so that the page script holds no knowledge of metrics: one test
 * chart per distinct metric, where metrics whose every assembly's every seed has the same value (the loss of an L1
 * objective and MAE) share one chart named by all of them, and the way each chart's metric improves. Embedded in the
 * page as {@code <script type="application/json" id="chart-plan">}.
 *
 * @param testCharts in the order of the metrics' first appearance
 */
record ChartPlan(List<TestChart> testCharts) {

    /**
     * @param metrics the metrics the chart shows, the first drawn
     * @param better  {@code lower} or {@code higher}, the way the first metric improves; null when Mosaic does not
     *                know the metric
     */
    record TestChart(List<String> metrics, String better) {
    }

    static ChartPlan of(Comparison comparison) {
        List<AssemblyComparison> all = comparison.assemblies();
        Set<String> metrics = new LinkedHashSet<>();
        all.forEach(a -> metrics.addAll(a.test().keySet()));
        Map<List<List<Double>>, List<String>> byValues = new LinkedHashMap<>();
        for (String metric : metrics) {
            List<List<Double>> values = all.stream().map(a -> a.test().get(metric))
                    .map(v -> v == null ? null : v.values()).toList();
            byValues.computeIfAbsent(values, v -> new ArrayList<>()).add(metric);
        }
        return new ChartPlan(byValues.values().stream().map(names -> new TestChart(List.copyOf(names),
                Metric.find(names.get(0)).map(m -> m.direction() == Direction.LOWER_IS_BETTER ? "lower" : "higher")
                        .orElse(null))).toList());
    }
}
