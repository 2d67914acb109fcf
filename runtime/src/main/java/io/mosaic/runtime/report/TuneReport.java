package io.mosaic.runtime.report;

import static io.mosaic.runtime.report.RunTables.block;
import static io.mosaic.runtime.report.RunTables.fact;

import io.mosaic.runtime.html.ChartJs;
import io.mosaic.runtime.html.Html;
import io.mosaic.runtime.html.HtmlTemplate;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.tune.Dimension;
import io.mosaic.runtime.tune.TrialRecord;
import io.mosaic.runtime.tune.TuneSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A search's {@code report.html}, in the style of the run and seed-group pages: what was searched, every trial's
 * validation score (a table, and a chart of the score by trial with the best so far), the best trial's values, and
 * its test metrics, labelled as evaluated once after the selection. Chart.js is inlined; the chart's numbers are the
 * page's {@code tune-data} JSON.
 */
public final class TuneReport {
    public static final String FILE = RunReport.FILE;

    private static final String TEMPLATE = "tune-report.html";
    private static final String SCRIPT = "tune-report.js";
    private static final String ABSENT = "–";

    private TuneReport() {
    }

    /** Writes the page of the search in {@code folder}, atomically. */
    public static void write(RunFolder folder, TuneSummary summary) {
        folder.writeText(FILE, html(summary, folder.path(), ChartJs.load()));
    }

    static String html(TuneSummary summary, Path folder, ChartJs chartJs) {
        return HtmlTemplate.fill(HtmlTemplate.resource(TuneReport.class, TEMPLATE), Map.ofEntries(
                Map.entry("title", Html.escape("Mosaic search: " + summary.assembly())),
                Map.entry("style", HtmlTemplate.style()),
                Map.entry("header", header(summary)),
                Map.entry("best", best(summary)),
                Map.entry("trials", trials(summary, folder)),
                Map.entry("data", Html.scriptJson(RunReport.json(data(summary)))),
                Map.entry("chartjs", chartJs.source()),
                Map.entry("chartjs-version", Html.escape(chartJs.version())),
                Map.entry("script", HtmlTemplate.script(TuneReport.class, SCRIPT))));
    }

    private static String header(TuneSummary summary) {
        long completed = summary.trials().stream().filter(TrialRecord::completed).count();
        return "<dl class=\"facts\">" + fact("Assembly", Html.escape(summary.assembly()))
                + fact("Search space", "<code>" + Html.escape(summary.space()) + "</code>")
                + fact("Sampler", Html.escape(summary.sampler()) + " <span class=\"note\">(seed " + summary.seed()
                + ")</span>")
                + fact("Early stopping", Html.escape(summary.earlyStop()))
                + fact("Trials", "<span id=\"trial-count\">" + summary.trials().size() + "</span> of "
                + summary.trialsPlanned() + " <span class=\"note\">(" + completed + " completed)</span>")
                + fact("Selected on", "the validation split's " + Html.escape(summary.metric()) + " ("
                + Html.escape(summary.direction()) + " is better); the test split is not read by any trial")
                + fact("Seconds", String.format(Locale.ROOT, "%.1f", summary.seconds())) + "</dl>";
    }

    /** The best trial's values, its validation metrics, and its test metrics evaluated once after the selection. */
    private static String best(TuneSummary summary) {
        if (summary.bestTrial() == 0) {
            return "<p class=\"explain\" id=\"no-best\">No trial completed: nothing was selected or tested.</p>";
        }
        TrialRecord best = summary.trials().get(summary.bestTrial() - 1);
        StringBuilder values = new StringBuilder();
        best.values().forEach((key, value) -> values.append("<tr><th scope=\"row\">").append(Html.escape(key))
                .append("</th><td>").append(Html.escape(Dimension.shown(value))).append("</td></tr>"));
        StringBuilder html = new StringBuilder(block("best-values", "Trial " + best.trial() + "'s values",
                "The values of the trial with the best validation " + Html.escape(summary.metric()) + ".",
                "<tr><th scope=\"col\">key</th><th scope=\"col\">value</th></tr>", values));
        Map<String, Map<String, Double>> splits = new LinkedHashMap<>();
        splits.put("valid", summary.valid());
        splits.put("test", summary.test());
        splits.putAll(summary.domainTests());
        StringBuilder head = new StringBuilder("<tr><th scope=\"col\">metric</th>");
        splits.keySet().forEach(split -> head.append("<th scope=\"col\">").append(Html.escape(split))
                .append(split.equals("valid") ? "" : " <span class=\"note\">(" + TuneSummary.TEST_NOTE + ")</span>")
                .append("</th>"));
        head.append("</tr>");
        StringBuilder rows = new StringBuilder();
        for (String metric : summary.valid().keySet()) {
            rows.append("<tr><th scope=\"row\">").append(Html.escape(metric)).append("</th>");
            splits.forEach((split, metrics) -> rows.append("<td data-split=\"").append(Html.escape(split))
                    .append("\" data-metric=\"").append(Html.escape(metric)).append("\">")
                    .append(number(metrics.get(metric))).append("</td>"));
            rows.append("</tr>");
        }
        html.append(block("best-metrics", "Trial " + best.trial() + "'s selected checkpoint",
                "Its metrics on the validation split, which selected it, and on the test split"
                        + (summary.domainTests().isEmpty() ? "" : " and each domain test split")
                        + ": <strong>" + TuneSummary.TEST_NOTE + "</strong>. No trial read the test split.",
                head.toString(), rows));
        return html.toString();
    }

    private static String trials(TuneSummary summary, Path folder) {
        List<String> keys = summary.trials().isEmpty() ? List.of()
                : List.copyOf(summary.trials().get(0).values().keySet());
        StringBuilder head = new StringBuilder("<tr><th scope=\"col\">trial</th>");
        keys.forEach(key -> head.append("<th scope=\"col\">").append(Html.escape(key)).append("</th>"));
        head.append("<th scope=\"col\">valid ").append(Html.escape(summary.metric())).append("</th><th scope=\"col\">"
                + "epochs</th><th scope=\"col\">state</th><th scope=\"col\">run report</th></tr>");
        StringBuilder rows = new StringBuilder();
        for (TrialRecord trial : summary.trials()) {
            String report = trial.folder() + "/" + RunReport.FILE;
            String link = Files.isRegularFile(folder.resolve(trial.folder()).resolve(RunReport.FILE))
                    ? "<a class=\"run-report\" href=\"" + Html.href(report) + "\">" + Html.escape(report) + "</a>"
                    : "<span class=\"note\">no report</span>";
            rows.append("<tr data-trial=\"").append(trial.trial()).append("\"")
                    .append(trial.trial() == summary.bestTrial() ? " class=\"best\"" : "").append("><th scope=\"row\">")
                    .append(trial.trial()).append(trial.trial() == summary.bestTrial() ? " (best)" : "")
                    .append("</th>");
            keys.forEach(key -> rows.append("<td>").append(Html.escape(Dimension.shown(trial.values().get(key))))
                    .append("</td>"));
            rows.append("<td class=\"valid\">").append(number(trial.valid())).append("</td><td>")
                    .append(trial.epochs()).append(trial.stoppedEarly() ? " <span class=\"note\">(stopped early)"
                            + "</span>" : "").append("</td><td class=\"state-cell\"><span class=\"state state-")
                    .append(Html.escape(trial.state())).append("\">").append(Html.escape(trial.state()))
                    .append("</span>").append(trial.error() == null ? "" : " <span class=\"note\">"
                            + Html.escape(trial.error()) + "</span>")
                    .append("</td><td class=\"link\">").append(link).append("</td></tr>");
        }
        return block("trials", "Every trial", "Each trial's selected checkpoint on the validation split, the only "
                + "score the search ranks by; each trial is a run folder with its own report.", head.toString(), rows);
    }

    /** The chart's data: each trial's validation score and the best so far after it. */
    static Map<String, Object> data(TuneSummary summary) {
        List<Integer> trials = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        List<Double> bestSoFar = new ArrayList<>();
        Double best = null;
        boolean higher = summary.direction().equals("higher");
        for (TrialRecord trial : summary.trials()) {
            trials.add(trial.trial());
            scores.add(trial.valid());
            if (trial.valid() != null && !trial.valid().isNaN()
                    && (best == null || (higher ? trial.valid() > best : trial.valid() < best))) {
                best = trial.valid();
            }
            bestSoFar.add(best);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("metric", summary.metric());
        data.put("trials", trials);
        data.put("scores", scores);
        data.put("bestSoFar", bestSoFar);
        return data;
    }

    private static String number(Double value) {
        return value == null ? ABSENT : String.format(Locale.ROOT, "%.4f", value);
    }
}
