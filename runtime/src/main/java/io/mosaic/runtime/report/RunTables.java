package io.mosaic.runtime.report;

import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.html.Html;
import io.mosaic.runtime.metrics.Median;
import io.mosaic.runtime.run.RunStatus;
import io.mosaic.runtime.run.RunSummary;
import io.mosaic.runtime.run.SweepSummary;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The run report's text: its header, the resolved assembly, and its tables. Every text that comes from the run
 * (names, descriptions, errors, the assembly) is escaped; each number's cell names it in {@code data-} attributes.
 */
final class RunTables {
    private static final String ABSENT = "–";

    private RunTables() {
    }

    /** What ran, how it ended, on what. */
    static String header(RunContents run) {
        RunStatus status = run.status();
        StringBuilder facts = new StringBuilder("<dl class=\"facts\">");
        facts.append(fact("Assembly", "<span id=\"assembly-name\">" + Html.escape(status.assembly()) + "</span>"));
        if (!run.description().isEmpty()) {
            facts.append(fact("Description", "<span id=\"assembly-description\">" + Html.escape(run.description())
                    + "</span>"));
        }
        facts.append(fact("State", "<span class=\"state state-" + Html.escape(status.state()) + "\" id=\"state\">"
                + Html.escape(status.state()) + "</span>"
                + (status.error() == null ? "" : " <span class=\"note\">" + Html.escape(status.error()) + "</span>")));
        facts.append(fact("Started", Html.escape(status.started())));
        facts.append(fact("Finished", status.finished() == null ? ABSENT : Html.escape(status.finished())));
        run.summary().ifPresent(summary -> {
            facts.append(fact("Data", Html.escape(summary.data())));
            facts.append(fact("Task", Html.escape(summary.task())));
        });
        facts.append(fact("Seed", Long.toString(status.seed())));
        facts.append(fact("Device", Html.escape(String.valueOf(status.device()))));
        if (status.software() != null) {
            facts.append(fact("Software", Html.escape(status.software().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")))));
        }
        facts.append(fact("Folder", "<code>" + Html.escape(run.folder()) + "</code>"));
        return facts.append("</dl>").toString();
    }

    /** The resolved assembly, folded. */
    static String assembly(RunContents run) {
        return run.resolvedYaml().map(yaml -> "<details id=\"resolved-assembly\"><summary>The resolved assembly "
                + "(every default filled in, every component pinned to the version that ran)</summary><pre>"
                + Html.escape(yaml) + "</pre></details>")
                .orElse("<p class=\"explain\">The run wrote no resolved assembly.</p>");
    }

    /** Valid and test metrics of the selected checkpoint, then each domain test split's. */
    static String metrics(RunContents run) {
        if (run.summary().isEmpty()) {
            return "<p class=\"explain\" id=\"no-results\">No results: the run is " + Html.escape(run.status().state())
                    + (run.status().error() == null ? "" : " (" + Html.escape(run.status().error()) + ")")
                    + ". The curves below show the epochs it completed.</p>";
        }
        RunSummary summary = run.summary().get();
        StringBuilder rows = new StringBuilder();
        for (String metric : summary.test().keySet()) {
            rows.append("<tr><th scope=\"row\">").append(Html.escape(metric)).append("</th>")
                    .append(cell("valid", metric, summary.valid().get(metric)))
                    .append(cell("test", metric, summary.test().get(metric))).append("</tr>");
        }
        String strength = summary.strength() == null ? "" : String.format(Locale.ROOT, " The debiaser's strength, "
                + "tuned on the validation split: %.4f.", summary.strength());
        StringBuilder tables = new StringBuilder(block("metrics", "Metrics of the selected checkpoint",
                "The checkpoint of epoch <strong id=\"best-epoch\">" + summary.bestEpoch() + "</strong> of "
                        + summary.epochs() + ", selected on the validation split's "
                        + Html.escape(summary.selection()) + "." + strength,
                "<tr><th scope=\"col\">metric</th><th scope=\"col\">valid</th><th scope=\"col\">test</th></tr>",
                rows));
        summary.domainTests().forEach((split, metrics) -> {
            StringBuilder domainRows = new StringBuilder();
            metrics.forEach((metric, value) -> domainRows.append("<tr><th scope=\"row\">").append(Html.escape(metric))
                    .append("</th>").append(cell(split, metric, value)).append("</tr>"));
            tables.append(block("metrics", "Metrics on the " + Html.escape(split) + " test split",
                    split.equals(Dataset.SOURCE_TEST) ? "The source domains' test split." : "One target domain's test split.",
                    "<tr><th scope=\"col\">metric</th><th scope=\"col\">" + Html.escape(split) + "</th></tr>",
                    domainRows));
        });
        return tables.toString();
    }

    /** Per sweep, each metric's AUILC and relative robustness; nothing without sweeps. */
    static String sweeps(RunContents run) {
        Map<String, SweepSummary> sweeps = run.summary().map(RunSummary::sweeps).orElse(Map.of());
        StringBuilder tables = new StringBuilder();
        sweeps.forEach((protocol, sweep) -> {
            StringBuilder rows = new StringBuilder();
            sweep.auilc().forEach((metric, area) -> rows.append("<tr><th scope=\"row\">").append(Html.escape(metric))
                    .append("</th>").append(cell("auilc:" + protocol, metric, area))
                    .append(cell("relative:" + protocol, metric, sweep.relativeRobustness().get(metric)))
                    .append("</tr>"));
            tables.append(block("auilc", "AUILC under " + Html.escape(protocol), "The area under each metric's curve "
                    + "over the sweep's levels on the test split (trapezoid rule), and that area divided by the "
                    + "levels' range (relative robustness, MultiBench).", "<tr><th scope=\"col\">metric</th><th "
                    + "scope=\"col\">AUILC</th><th scope=\"col\">relative robustness</th></tr>", rows));
        });
        return tables.toString();
    }

    /** The test split's confusion matrix, each cell shaded by its share of its true class. */
    static String confusion(Confusion confusion) {
        long[][] counts = confusion.counts();
        StringBuilder head = new StringBuilder("<tr><th scope=\"col\">true \\ predicted</th>");
        for (int p = 0; p < counts.length; p++) {
            head.append("<th scope=\"col\">").append(p).append("</th>");
        }
        head.append("<th scope=\"col\">samples</th></tr>");
        StringBuilder rows = new StringBuilder();
        for (int t = 0; t < counts.length; t++) {
            long total = Arrays.stream(counts[t]).sum();
            rows.append("<tr><th scope=\"row\">").append(t).append("</th>");
            for (int p = 0; p < counts.length; p++) {
                double share = total == 0 ? 0 : (double) counts[t][p] / total;
                rows.append(String.format(Locale.ROOT, "<td class=\"count\" data-true=\"%d\" data-predicted=\"%d\" "
                        + "style=\"background: rgba(78, 121, 167, %.3f)\">%d</td>", t, p, 0.85 * share,
                        counts[t][p]));
            }
            rows.append("<td>").append(total).append("</td></tr>");
        }
        return block("confusion", "Confusion matrix on the test split", "Rows: the true class; columns: the "
                + "predicted class, from <code>" + PredictionsFile.FILE + "</code>. Shade: the cell's share of its "
                + "row. " + confusion.total() + " samples.", head.toString(), rows);
    }

    /** Parameters per component, time, and memory. */
    static String costs(RunContents run) {
        StringBuilder rows = new StringBuilder();
        run.summary().ifPresent(summary -> {
            summary.parameters().forEach((part, count) -> rows.append(costRow("parameters:" + part,
                    "parameters <span class=\"note\">" + Html.escape(part) + "</span>",
                    String.format(Locale.ROOT, "%,d", count))));
            rows.append(costRow("seconds", "training and evaluation seconds",
                    String.format(Locale.ROOT, "%.1f", summary.seconds())));
            rows.append(costRow("peak_resident_mb", "peak resident MiB <span class=\"note\">(the process, when the "
                    + "run ended)</span>", String.format(Locale.ROOT, "%.0f", summary.peakResidentMegabytes())));
        });
        run.epochs().filter(table -> table.header().contains("seconds") && !table.rows().isEmpty()).ifPresent(table -> {
            List<Double> seconds = table.numbers("seconds");
            double median = Median.of(seconds.stream().mapToDouble(Double::doubleValue).toArray());
            rows.append(costRow("seconds_per_epoch", "seconds per epoch <span class=\"note\">(median of "
                    + seconds.size() + ")</span>", String.format(Locale.ROOT, "%.2f", median)));
        });
        if (rows.isEmpty()) {
            return "";
        }
        return block("costs", "Costs", "Parameters: scalar parameters per part of the model (total: the model's, "
                + "without objectives' own).", "<tr><th scope=\"col\">cost</th><th scope=\"col\">value</th></tr>",
                rows);
    }

    private static String cell(String split, String metric, Double value) {
        if (value == null) {
            return "<td>" + ABSENT + "</td>";
        }
        return "<td data-split=\"" + Html.escape(split) + "\" data-metric=\"" + Html.escape(metric) + "\">"
                + (Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "n/a") + "</td>";
    }

    private static String costRow(String cost, String label, String value) {
        return "<tr><th scope=\"row\">" + label + "</th><td data-cost=\"" + Html.escape(cost) + "\">" + value
                + "</td></tr>";
    }

    /** A titled table: its title, what its numbers are, its head and rows. */
    static String block(String kind, String title, String explanation, String head, CharSequence rows) {
        return "<div class=\"block\"><h3>" + title + "</h3><p class=\"explain\">" + explanation + "</p><table class=\""
                + kind + "\"><thead>" + head + "</thead><tbody>" + rows + "</tbody></table></div>";
    }

    /** A term and its description in a {@code facts} list. */
    static String fact(String term, String description) {
        return "<dt>" + term + "</dt><dd>" + description + "</dd>";
    }
}
