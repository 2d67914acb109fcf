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
import io.mosaic.runtime.metrics.MeanStd;
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
                + "</dl>";
    }

    /** Each test metric as mean ± std, and for every later assembly its paired test against the reference. */
    static String metrics(Comparison comparison) {
        List<AssemblyComparison> all = comparison.assemblies();
        StringBuilder rows = new StringBuilder();
        for (String metric : union(all, a -> a.test().keySet())) {
            rows.append(row(Html.escape(metric), all, a -> metricCell(a, "", a.test(), a.paired(), metric)));
        }
        String warning = comparison.pValueWarning() == null ? ""
                : " <strong>Warning: " + Html.escape(comparison.pValueWarning()) + ".</strong>";
        String note = "Mean ± std over " + comparison.seeds().size() + " seeds (population std). Δ and p: the paired "
                + "t-test against " + Html.escape(comparison.reference()) + ", seed by seed (two-sided)." + warning;
        StringBuilder tables = new StringBuilder(table("metrics", "Test metrics", note, "metric", comparison, rows));
        for (String split : union(all, a -> a.domainTests().keySet())) {
            StringBuilder domainRows = new StringBuilder();
            for (String metric : union(all, a -> a.domainTests().containsKey(split)
                    ? a.domainTests().get(split).metrics().keySet() : Set.of())) {
                domainRows.append(row(Html.escape(metric), all, a -> a.domainTests().containsKey(split)
                        ? metricCell(a, split, a.domainTests().get(split).metrics(),
                        a.domainTests().get(split).paired(), metric) : "<td>" + ABSENT + "</td>"));
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
                rows.append(row(Html.escape(metric), all, a -> auilcCell(a, protocol, metric)));
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
                    + "as MAE, rises faster).", "metric", comparison, rows));
        }
        return tables.toString();
    }

    /** @param split the domain test split the cell is on ({@code data-split}), or empty for the test split */
    private static String metricCell(AssemblyComparison assembly, String split, Map<String, OverSeeds> metrics,
                                     Map<String, PairedTest> tests, String metric) {
        OverSeeds value = metrics.get(metric);
        if (value == null) {
            return "<td>" + ABSENT + "</td>";
        }
        StringBuilder cell = new StringBuilder("<td data-assembly=\"" + Html.escape(assembly.assembly())
                + (split.isEmpty() ? "" : "\" data-split=\"" + Html.escape(split))
                + "\" data-metric=\"" + Html.escape(metric) + "\"><span class=\"value\">"
                + ComparisonFormat.meanStd(value.mean(), value.std()) + "</span>");
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

    private static String auilcCell(AssemblyComparison assembly, String protocol, String metric) {
        SweepComparison sweep = assembly.sweeps().get(protocol);
        MeanStd area = sweep == null ? null : sweep.auilc().get(metric);
        if (area == null) {
            return "<td>" + ABSENT + "</td>";
        }
        return "<td data-assembly=\"" + Html.escape(assembly.assembly()) + "\" data-protocol=\""
                + Html.escape(protocol) + "\" data-metric=\"" + Html.escape(metric) + "\">"
                + ComparisonFormat.meanStd(area.mean(), area.std()) + "</td>";
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
