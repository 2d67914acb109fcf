package io.mosaic.runtime.compare.report;

import io.mosaic.runtime.compare.AssemblyComparison;
import io.mosaic.runtime.compare.Comparison;
import io.mosaic.runtime.compare.OverSeeds;
import io.mosaic.runtime.metrics.Direction;
import io.mosaic.runtime.metrics.Metric;
import io.mosaic.runtime.metrics.SameValues;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the comparison page charts, decided here so that the page script holds no knowledge of metrics: one test
 * chart per distinct metric, where metrics whose every assembly's every seed has the same value to float precision
 * (the loss of an L1 objective and MAE, see {@link SameValues}) share one chart named by all of them, and the way each
 * chart's metric improves. Embedded in the page as {@code <script type="application/json" id="chart-plan">}.
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
        List<List<String>> charts = new ArrayList<>();
        for (String metric : metrics) {
            charts.stream().filter(chart -> sameValues(all, chart.get(0), metric)).findFirst()
                    .ifPresentOrElse(chart -> chart.add(metric), () -> charts.add(new ArrayList<>(List.of(metric))));
        }
        return new ChartPlan(charts.stream().map(names -> new TestChart(List.copyOf(names),
                Metric.find(names.get(0)).map(m -> m.direction() == Direction.LOWER_IS_BETTER ? "lower" : "higher")
                        .orElse(null))).toList());
    }

    /** Whether every assembly has the same seeds' values (to float precision) of both metrics, or neither metric. */
    private static boolean sameValues(List<AssemblyComparison> all, String first, String second) {
        return all.stream().allMatch(a -> {
            OverSeeds one = a.test().get(first);
            OverSeeds other = a.test().get(second);
            return one == null ? other == null : other != null && SameValues.same(one.values(), other.values());
        });
    }
}
