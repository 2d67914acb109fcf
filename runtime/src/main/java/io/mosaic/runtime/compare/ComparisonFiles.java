package io.mosaic.runtime.compare;

import io.mosaic.runtime.run.RunFolder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A comparison's files: {@code comparison.json} (the {@link Comparison}) and {@code comparison.csv}, one row per
 * assembly and number: its split or kind ({@code valid}, {@code test}, {@code cost}, {@code auilc:<protocol>},
 * {@code relative_robustness:<protocol>}, {@code effective_robustness:<protocol>} (against the reference, a mean
 * without std; not for the reference itself), {@code curve:<protocol>}), the metric, the sweep rate of a curve point,
 * mean, std, the seeds' values separated by
 * {@code ;}, and for a later assembly's test metrics the mean paired difference and p-value. The peak memory's cost
 * is named after what it covers: {@code peak_resident_mb:assembly} or {@code peak_resident_mb:process} (see
 * {@link PeakResident.Scope}).
 */
public final class ComparisonFiles {
    public static final String JSON = "comparison.json";
    public static final String CSV = "comparison.csv";
    public static final List<String> HEADER = List.of("assembly", "kind", "metric", "rate", "mean", "std", "values",
            "mean_difference", "p_value");

    private ComparisonFiles() {
    }

    /** Writes both files into {@code folder}, each atomically. */
    public static void write(RunFolder folder, Comparison comparison) {
        folder.writeJson(JSON, comparison);
        folder.writeCsv(CSV, rows(comparison));
    }

    public static Comparison read(RunFolder folder) {
        return folder.readJson(JSON, Comparison.class);
    }

    /** A row per metric of a tested split: mean, std, the seeds' values, and the paired test where there is one. */
    private static void tested(List<List<String>> rows, String name, String split, Map<String, OverSeeds> metrics,
                               Map<String, PairedTest> paired) {
        metrics.forEach((metric, v) -> {
            PairedTest test = paired.get(metric);
            rows.add(List.of(name, split, metric, "", number(v.mean()), number(v.std()), values(v.values()),
                    test == null ? "" : number(test.meanDifference()),
                    test == null || test.pValue() == null ? "" : number(test.pValue())));
        });
    }

    static List<List<String>> rows(Comparison comparison) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (AssemblyComparison a : comparison.assemblies()) {
            String name = a.assembly();
            a.valid().forEach((metric, v) -> rows.add(List.of(name, "valid", metric, "", number(v.mean()),
                    number(v.std()), values(v.values()), "", "")));
            tested(rows, name, "test", a.test(), a.paired());
            a.domainTests().forEach((split, domain) -> tested(rows, name, split, domain.metrics(), domain.paired()));
            rows.add(cost(name, "parameters", Long.toString(a.parameters())));
            rows.add(cost(name, "seconds_per_epoch", number(a.secondsPerEpoch())));
            rows.add(cost(name, "samples_per_second", number(a.samplesPerSecond())));
            rows.add(cost(name, "peak_resident_mb:" + a.peakResident().scope().id(),
                    number(a.peakResident().megabytes())));
            a.sweeps().forEach((protocol, sweep) -> {
                sweep.auilc().forEach((metric, area) -> rows.add(List.of(name, "auilc:" + protocol, metric,
                        "", number(area.mean()), number(area.std()), "", "", "")));
                sweep.relativeRobustness().forEach((metric, measure) -> rows.add(List.of(name,
                        "relative_robustness:" + protocol, metric, "", number(measure.mean()), number(measure.std()),
                        "", "", "")));
                sweep.effectiveRobustness().forEach((metric, measure) -> rows.add(List.of(name,
                        "effective_robustness:" + protocol, metric, "", number(measure), "", "", "", "")));
                sweep.curves().forEach((metric, curve) -> {
                    for (int r = 0; r < curve.size(); r++) {
                        rows.add(List.of(name, "curve:" + protocol, metric, number(sweep.rates().get(r)),
                                number(curve.get(r)), "", "", "", ""));
                    }
                });
            });
        }
        return rows;
    }

    private static List<String> cost(String assembly, String what, String value) {
        return List.of(assembly, "cost", what, "", value, "", "", "", "");
    }

    private static String values(List<Double> values) {
        return values.stream().map(ComparisonFiles::number).collect(Collectors.joining(";"));
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }
}
