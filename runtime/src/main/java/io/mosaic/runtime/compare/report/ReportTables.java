package io.mosaic.runtime.compare.report;

import io.mosaic.runtime.compare.AssemblyComparison;
import io.mosaic.runtime.compare.Comparison;
import io.mosaic.runtime.compare.ComparisonFormat;
import io.mosaic.runtime.compare.OverSeeds;
import io.mosaic.runtime.compare.PairedTest;
import io.mosaic.runtime.compare.PeakResident;
import io.mosaic.runtime.compare.SweepComparison;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.html.Html;
import io.mosaic.runtime.metrics.Direction;
import io.mosaic.runtime.metrics.MeanStd;
import io.mosaic.runtime.metrics.Metric;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The report's text: its header and its tables (metrics, costs, AUILC), one column per assembly. Each cell names its
 * assembly and number in {@code data-} attributes; each assembly's heading carries a swatch of its chart colour.
 */
final class ReportTables {
    private static final String ABSENT = "–";
    private static final String BEST_NOTE = "★ bold: the best mean of each metric, by the way it improves (lower "
            + "MAE, higher accuracy; ties all marked, unless all are equal).";

    private ReportTables() {
    }

    /** The comparison's folder, assemblies, seeds and data. */
    static String header(String folder, Comparison comparison) {
        String assemblies = comparison.assemblies().stream()
                .map(a -> swatch(comparison, a) + Html.escape(a.assembly())
                        + (a.assembly().equals(comparison.reference()) ? " <em>(reference)</em>" : ""))
                .collect(Collectors.joining(", "));
        String seeds = comparison.seeds().stream().map(String::valueOf).collect(Collectors.joining(", "));
        return "<dl class=\"facts\">"
                + fact("Assemblies", assemblies)
                + fact("Seeds", seeds + " <span class=\"note\">(every assembly trains once per seed)</span>")
                + fact("Data", Html.escape(comparison.data()) + " <span class=\"note\">(data seed "
                        + comparison.dataSeed() + ", the same splits for every assembly)</span>")
                + fact("Task", Html.escape(comparison.task()))
                + fact("Folder", "<code>" + Html.escape(folder) + "</code>")
                + failed(comparison)
                + "</dl>";
    }

    /** The assemblies that failed, each with its runs' errors; nothing when none did. */
    private static String failed(Comparison comparison) {
        if (comparison.failed().isEmpty()) {
            return "";
        }
        return fact("Failed", "<ul class=\"failed\">" + comparison.failed().stream()
                .map(f -> "<li data-failed=\"" + Html.escape(f.assembly()) + "\"><strong>" + Html.escape(f.assembly())
                        + "</strong> <span class=\"note\">(not in the tables; its seed group <code>"
                        + Html.escape(f.group()) + "</code> has each run's run.json and failure.txt)</span>: "
                        + Html.escape(f.error()) + "</li>")
                .collect(Collectors.joining()) + "</ul>");
    }

    /**
     * Per assembly, a link to its seed group's page and to each seed's run report, relative to this page (so they
     * keep working when the runs folder is moved); a page that was not written is named, not linked.
     *
     * @param runs per assembly, in the comparison's order
     */
    static String runs(Comparison comparison, List<ComparedRuns> runs) {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < runs.size(); i++) {
            AssemblyComparison assembly = comparison.assemblies().get(i);
            ComparedRuns found = runs.get(i);
            String seeds = found.seeds().stream().map(seed -> seed.report()
                    .map(page -> "<a class=\"run-report\" data-seed=\"" + seed.seed() + "\" href=\""
                            + Html.href(page) + "\">seed " + seed.seed() + "</a>")
                    .orElse("seed " + seed.seed() + " <span class=\"note\">(no report)</span>"))
                    .collect(Collectors.joining(" · "));
            rows.append("<tr data-assembly=\"").append(Html.escape(assembly.assembly()))
                    .append("\"><th scope=\"row\">").append(swatch(comparison, assembly))
                    .append(Html.escape(assembly.assembly())).append("</th><td>")
                    .append(found.groupReport().map(page -> "<a class=\"group-report\" href=\"" + Html.href(page)
                            + "\">" + Html.escape(page) + "</a>").orElse(ABSENT))
                    .append("</td><td class=\"seed-links\">").append(seeds).append("</td></tr>");
        }
        return "<table class=\"runs\"><thead><tr><th scope=\"col\">assembly</th><th scope=\"col\">seed group "
                + "(mean ± std, bands)</th><th scope=\"col\">each seed's run report</th></tr></thead><tbody>" + rows
                + "</tbody></table>";
    }

    /**
     * The settings of the assemblies' resolved assemblies (their first seed's) that differ, one row per key and one
     * column per assembly; an assembly whose resolved assembly cannot be read is named below the table.
     */
    static String settings(Comparison comparison, List<ComparedRuns> runs) {
        SettingsDiff diff = SettingsDiff.of(runs.stream().map(ComparedRuns::settings).toList());
        List<String> unread = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).settings().isEmpty()) {
                unread.add(Html.escape(comparison.assemblies().get(i).assembly()));
            }
        }
        String missing = unread.isEmpty() ? "" : " No resolved assembly could be read for " + String.join(", ", unread)
                + "; its column is empty.";
        StringBuilder rows = new StringBuilder();
        for (SettingsDiff.Row row : diff.rows()) {
            rows.append("<tr data-key=\"").append(Html.escape(row.key())).append("\"><th scope=\"row\"><code>")
                    .append(Html.escape(row.key())).append("</code></th>");
            row.values().forEach(value -> rows.append(value == null ? "<td class=\"absent\">" + ABSENT + "</td>"
                    : "<td class=\"setting\">" + Html.escape(value) + "</td>"));
            rows.append("</tr>");
        }
        if (diff.rows().isEmpty()) {
            return "<p class=\"explain\" id=\"no-differences\">The assemblies' resolved settings are the same."
                    + missing + "</p>";
        }
        return table("settings", "Settings that differ", "Each setting of the resolved assemblies (every default "
                + "filled in, as <code>assembly.resolved.yaml</code> records it for the first seed) whose value is not "
                + "the same in every assembly; – where an assembly has no such setting." + missing, "setting",
                comparison, rows);
    }

    /** Each test metric as mean ± std, and for every later assembly its paired test against the reference. */
    static String metrics(Comparison comparison) {
        List<AssemblyComparison> all = comparison.assemblies();
        StringBuilder rows = new StringBuilder();
        for (String metric : union(all, a -> a.test().keySet())) {
            List<Integer> best = best(metric, all, a -> mean(a.test().get(metric)));
            rows.append(row(metricLabel(metric), all, a -> metricCell(a, "", a.test(), a.paired(), metric,
                    best.contains(all.indexOf(a)))));
        }
        String warning = comparison.pValueWarning() == null ? ""
                : " <strong>Warning: " + Html.escape(comparison.pValueWarning()) + ".</strong>";
        String note = "Mean ± std over " + comparison.seeds().size() + " seeds (population std). Δ and p: the paired "
                + "t-test against " + Html.escape(comparison.reference()) + ", seed by seed (two-sided). "
                + BEST_NOTE + warning;
        StringBuilder tables = new StringBuilder(table("metrics", "Test metrics", note, "metric", comparison, rows));
        for (String split : union(all, a -> a.domainTests().keySet())) {
            StringBuilder domainRows = new StringBuilder();
            for (String metric : union(all, a -> a.domainTests().containsKey(split)
                    ? a.domainTests().get(split).metrics().keySet() : Set.of())) {
                List<Integer> best = best(metric, all, a -> a.domainTests().containsKey(split)
                        ? mean(a.domainTests().get(split).metrics().get(metric)) : null);
                domainRows.append(row(metricLabel(metric), all, a -> a.domainTests().containsKey(split)
                        ? metricCell(a, split, a.domainTests().get(split).metrics(),
                        a.domainTests().get(split).paired(), metric, best.contains(all.indexOf(a)))
                        : "<td>" + ABSENT + "</td>"));
            }
            tables.append(table("metrics", "Metrics on the " + Html.escape(split) + " test split", note
                    + " " + (split.equals(Dataset.SOURCE_TEST) ? "The source domains' test split."
                    : "One target domain's test split."), "metric", comparison, domainRows));
        }
        return tables.toString();
    }

    /** Parameters, speed and peak memory, each cell named by its {@code comparison.csv} cost. */
    static String costs(Comparison comparison) {
        List<AssemblyComparison> all = comparison.assemblies();
        Set<PeakResident.Scope> scopes = all.stream().map(a -> a.peakResident().scope())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        String peak = "peak resident MiB <span class=\"note\">("
                + scopes.stream().map(ReportTables::scopeLabel).collect(Collectors.joining(", ")) + ")</span>";
        String rows = row("parameters", all,
                a -> costCell(a, "parameters", ComparisonFormat.parameters(a.parameters())))
                + row("seconds per epoch <span class=\"note\">(median)</span>", all,
                a -> costCell(a, "seconds_per_epoch", ComparisonFormat.secondsPerEpoch(a.secondsPerEpoch())))
                + row("training samples per second <span class=\"note\">(mean)</span>", all,
                a -> costCell(a, "samples_per_second", ComparisonFormat.samplesPerSecond(a.samplesPerSecond())))
                + row(peak, all, a -> costCell(a, "peak_resident_mb:" + a.peakResident().scope().id(),
                ComparisonFormat.megabytes(a.peakResident().megabytes())));
        String notes = scopes.stream().map(ReportTables::scopeNote).collect(Collectors.joining(" "));
        return table("costs", "Costs", notes, "cost", comparison, rows);
    }

    /** Per sweep protocol, each metric's area under its curve over the missing rates; nothing without sweeps. */
    static String auilc(Comparison comparison) {
        List<AssemblyComparison> all = comparison.assemblies();
        StringBuilder tables = new StringBuilder();
        for (String protocol : union(all, a -> a.sweeps().keySet())) {
            StringBuilder rows = new StringBuilder();
            for (String metric : union(all, a -> a.sweeps().containsKey(protocol)
                    ? a.sweeps().get(protocol).auilc().keySet() : Set.of())) {
                List<Integer> best = best(metric, all, a -> a.sweeps().containsKey(protocol)
                        ? meanOf(a.sweeps().get(protocol).auilc().get(metric)) : null);
                rows.append(row(metricLabel(metric), all, a -> auilcCell(a, protocol, metric,
                        best.contains(all.indexOf(a)))));
            }
            for (String metric : union(all, a -> a.sweeps().containsKey(protocol)
                    ? a.sweeps().get(protocol).relativeRobustness().keySet() : Set.of())) {
                rows.append(row(Html.escape(metric) + " <span class=\"note\">relative robustness</span>", all,
                        a -> robustnessCell(a, protocol, metric, "relative", sweep -> relative(sweep, metric))));
            }
            for (String metric : union(all, a -> a.sweeps().containsKey(protocol)
                    ? a.sweeps().get(protocol).effectiveRobustness().keySet() : Set.of())) {
                rows.append(row(Html.escape(metric) + " <span class=\"note\">effective robustness</span>", all,
                        a -> robustnessCell(a, protocol, metric, "effective", sweep -> effective(sweep, metric))));
            }
            tables.append(table("auilc", "AUILC and robustness under " + Html.escape(protocol), "AUILC: the area "
                    + "under each metric's curve over the sweep's levels on the test split (trapezoid rule). Relative "
                    + "robustness (MultiBench): that area divided by the levels' range. Both mean ± std over the "
                    + "seeds. Effective robustness (MultiBench): the area, divided by the range, of the curve minus "
                    + "the reference's curve shifted to the same clean value, against "
                    + Html.escape(comparison.reference()) + " (positive: falls more slowly; for error metrics such "
                    + "as MAE, rises faster). " + BEST_NOTE, "metric", comparison, rows));
        }
        return tables.toString();
    }

    /** @param split the domain test split the cell is on ({@code data-split}), or empty for the test split */
    private static String metricCell(AssemblyComparison assembly, String split, Map<String, OverSeeds> metrics,
                                     Map<String, PairedTest> tests, String metric, boolean best) {
        OverSeeds value = metrics.get(metric);
        if (value == null) {
            return "<td>" + ABSENT + "</td>";
        }
        StringBuilder cell = new StringBuilder("<td" + bestClass(best) + " data-assembly=\""
                + Html.escape(assembly.assembly()) + (split.isEmpty() ? "" : "\" data-split=\"" + Html.escape(split))
                + "\" data-metric=\"" + Html.escape(metric) + "\">" + bestMark(best, metric)
                + "<span class=\"value\">" + ComparisonFormat.meanStd(value.mean(), value.std()) + "</span>");
        PairedTest paired = tests.get(metric);
        if (paired != null) {
            String title = paired.note() == null ? "" : " title=\"" + Html.escape(paired.note()) + "\"";
            cell.append("<span class=\"paired\"").append(title).append('>')
                    .append(Html.escape(ComparisonFormat.difference(paired))).append(" · ")
                    .append(ComparisonFormat.pValue(paired)).append("</span>");
        }
        return cell.append("</td>").toString();
    }

    private static String costCell(AssemblyComparison assembly, String cost, String value) {
        return "<td data-assembly=\"" + Html.escape(assembly.assembly()) + "\" data-cost=\"" + Html.escape(cost)
                + "\">" + value + "</td>";
    }

    private static String auilcCell(AssemblyComparison assembly, String protocol, String metric, boolean best) {
        SweepComparison sweep = assembly.sweeps().get(protocol);
        MeanStd area = sweep == null ? null : sweep.auilc().get(metric);
        if (area == null) {
            return "<td>" + ABSENT + "</td>";
        }
        return "<td" + bestClass(best) + " data-assembly=\"" + Html.escape(assembly.assembly()) + "\" data-protocol=\""
                + Html.escape(protocol) + "\" data-metric=\"" + Html.escape(metric) + "\">" + bestMark(best, metric)
                + ComparisonFormat.meanStd(area.mean(), area.std()) + "</td>";
    }

    /**
     * The positions in {@code all} of the assemblies whose mean of {@code metric} (given by {@code mean}, null where
     * an assembly has none) is best by the metric's direction; none when all are equal (one alone included), or the
     * metric is not one Mosaic knows the direction of.
     */
    static List<Integer> best(String metric, List<AssemblyComparison> all,
                              Function<AssemblyComparison, Double> mean) {
        List<Double> means = all.stream().map(mean).toList();
        long defined = means.stream().filter(v -> v != null && !v.isNaN()).count();
        List<Integer> best = Metric.find(metric).map(m -> m.direction().best(means)).orElse(List.of());
        return best.size() == defined ? List.of() : best;
    }

    private static Double mean(OverSeeds value) {
        return value == null ? null : value.mean();
    }

    private static Double meanOf(MeanStd value) {
        return value == null ? null : value.mean();
    }

    /** A metric's row label, with the way it improves when Mosaic knows it. */
    private static String metricLabel(String metric) {
        return Html.escape(metric) + Metric.find(metric).map(m -> " <span class=\"note direction\">"
                + (m.direction() == Direction.LOWER_IS_BETTER ? "↓ lower" : "↑ higher") + " is better</span>")
                .orElse("");
    }

    private static String bestClass(boolean best) {
        return best ? " class=\"best\"" : "";
    }

    private static String bestMark(boolean best, String metric) {
        return best ? "<span class=\"best-mark\" title=\"the best mean of " + Html.escape(metric) + "\">★</span>"
                : "";
    }

    /** A robustness measure's cell; {@code value} gives the formatted value, or null when the sweep has none. */
    private static String robustnessCell(AssemblyComparison assembly, String protocol, String metric, String measure,
                                         Function<SweepComparison, String> value) {
        SweepComparison sweep = assembly.sweeps().get(protocol);
        String text = sweep == null ? null : value.apply(sweep);
        if (text == null) {
            return "<td>" + ABSENT + "</td>";
        }
        return "<td data-assembly=\"" + Html.escape(assembly.assembly()) + "\" data-protocol=\""
                + Html.escape(protocol) + "\" data-metric=\"" + Html.escape(metric) + "\" data-measure=\""
                + measure + "\">" + text + "</td>";
    }

    private static String relative(SweepComparison sweep, String metric) {
        MeanStd value = sweep.relativeRobustness().get(metric);
        return value == null ? null : ComparisonFormat.meanStd(value.mean(), value.std());
    }

    private static String effective(SweepComparison sweep, String metric) {
        Double value = sweep.effectiveRobustness().get(metric);
        return value == null ? null : String.format(Locale.ROOT, "%+.4f", value);
    }

    private static String scopeLabel(PeakResident.Scope scope) {
        return switch (scope) {
            case ASSEMBLY -> "per assembly";
            case PROCESS -> "whole process";
        };
    }

    private static String scopeNote(PeakResident.Scope scope) {
        return switch (scope) {
            case ASSEMBLY -> "Peak memory: the process's peak resident set size while the assembly's seeds trained "
                    + "(the kernel's peak was reset before its first seed); it includes what the process still "
                    + "held from the assemblies before it.";
            case PROCESS -> "Peak memory: the high-water mark of the whole process up to the assembly's last seed "
                    + "(this OS could not reset it), so a later assembly never shows less than an earlier one.";
        };
    }

    private static Set<String> union(List<AssemblyComparison> all,
                                     Function<AssemblyComparison, Set<String>> keys) {
        Set<String> union = new LinkedHashSet<>();
        all.forEach(a -> union.addAll(keys.apply(a)));
        return union;
    }

    /** A titled table: the title, what its numbers are, and one column per assembly after the row labels. */
    private static String table(String kind, String title, String explanation, String first,
                                Comparison comparison, CharSequence rows) {
        StringBuilder head = new StringBuilder("<tr><th scope=\"col\">" + first + "</th>");
        comparison.assemblies().forEach(a -> head.append("<th scope=\"col\">").append(swatch(comparison, a))
                .append(Html.escape(a.assembly())).append("</th>"));
        return "<div class=\"block\"><h3>" + title + "</h3><p class=\"explain\">" + explanation + "</p>"
                + "<table class=\"" + kind + "\"><thead>" + head + "</tr></thead><tbody>" + rows
                + "</tbody></table></div>";
    }

    private static String row(String label, List<AssemblyComparison> all,
                              Function<AssemblyComparison, String> cell) {
        return "<tr><th scope=\"row\">" + label + "</th>" + all.stream().map(cell).collect(Collectors.joining())
                + "</tr>";
    }

    private static String fact(String term, String description) {
        return "<dt>" + term + "</dt><dd>" + description + "</dd>";
    }

    /** A square in the assembly's chart colour, which the page script paints by the assembly's position. */
    private static String swatch(Comparison comparison, AssemblyComparison assembly) {
        return "<span class=\"swatch\" data-assembly-index=\"" + comparison.assemblies().indexOf(assembly)
                + "\"></span>";
    }
}
