package io.mosaic.runtime.compare.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mosaic.runtime.compare.Comparison;
import io.mosaic.runtime.html.ChartJs;
import io.mosaic.runtime.html.Html;
import io.mosaic.runtime.html.HtmlTemplate;
import io.mosaic.runtime.run.RunFolder;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code comparison.html}: a comparison as one page that needs nothing but a browser, even offline. The header and
 * tables are written here; the charts (test metrics per assembly, metric against missing rate per sweep, training
 * curves) are drawn in the browser by Chart.js, inlined in the page, from the comparison's JSON, embedded in the page
 * as a {@code <script type="application/json" id="comparison-data">} element.
 */
public final class ComparisonReport {
    public static final String FILE = "comparison.html";

    private static final String TEMPLATE = "comparison-report.html";
    private static final String SCRIPT = "comparison-report.js";
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private ComparisonReport() {
    }

    /**
     * Writes the report of {@code comparison} into its folder, atomically, linking the runs it finds there (each
     * assembly's seed group, or run folder) and comparing their resolved assemblies.
     */
    public static void write(RunFolder folder, Comparison comparison) {
        List<ComparedRuns> runs = comparison.assemblies().stream()
                .map(a -> ComparedRuns.read(folder.path(), a, comparison.seeds())).toList();
        folder.writeText(FILE, html(folder.path().getFileName().toString(), comparison, runs, ChartJs.load()));
    }

    /**
     * The page of {@code comparison}, whose folder is named {@code folder}, drawn with {@code chartJs}.
     *
     * @param runs per assembly, in the comparison's order, its runs on disk
     */
    static String html(String folder, Comparison comparison, List<ComparedRuns> runs, ChartJs chartJs) {
        String names = comparison.assemblies().stream().map(a -> a.assembly()).collect(Collectors.joining(" vs "));
        return HtmlTemplate.fill(resource(TEMPLATE), Map.ofEntries(
                Map.entry("title", Html.escape("Mosaic comparison: " + names)),
                Map.entry("style", HtmlTemplate.style()),
                Map.entry("header", ReportTables.header(folder, comparison)),
                Map.entry("runs", ReportTables.runs(comparison, runs)),
                Map.entry("settings", ReportTables.settings(comparison, runs)),
                Map.entry("metrics", ReportTables.metrics(comparison)),
                Map.entry("costs", ReportTables.costs(comparison)),
                Map.entry("auilc", ReportTables.auilc(comparison)),
                Map.entry("data", Html.scriptJson(json(comparison))),
                Map.entry("plan", Html.scriptJson(json(ChartPlan.of(comparison)))),
                Map.entry("chartjs", chartJs.source()),
                Map.entry("chartjs-version", Html.escape(chartJs.version())),
                Map.entry("script", HtmlTemplate.script(ComparisonReport.class, SCRIPT))));
    }

    private static String json(Object data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the comparison's page data as JSON", e);
        }
    }

    private static String resource(String name) {
        return HtmlTemplate.resource(ComparisonReport.class, name);
    }
}
