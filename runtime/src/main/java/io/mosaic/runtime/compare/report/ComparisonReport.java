package io.mosaic.runtime.compare.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mosaic.runtime.compare.Comparison;
import io.mosaic.runtime.html.ChartJs;
import io.mosaic.runtime.html.Html;
import io.mosaic.runtime.html.HtmlTemplate;
import io.mosaic.runtime.run.RunFolder;
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

    /** Writes the report of {@code comparison} into its folder, atomically. */
    public static void write(RunFolder folder, Comparison comparison) {
        folder.writeText(FILE, html(folder.path().getFileName().toString(), comparison, ChartJs.load()));
    }

    /** The page of {@code comparison}, whose folder is named {@code folder}, drawn with {@code chartJs}. */
    static String html(String folder, Comparison comparison, ChartJs chartJs) {
        String names = comparison.assemblies().stream().map(a -> a.assembly()).collect(Collectors.joining(" vs "));
        return HtmlTemplate.fill(resource(TEMPLATE), Map.of(
                "title", Html.escape("Mosaic comparison: " + names),
                "style", HtmlTemplate.style(),
                "header", ReportTables.header(folder, comparison),
                "metrics", ReportTables.metrics(comparison),
                "costs", ReportTables.costs(comparison),
                "auilc", ReportTables.auilc(comparison),
                "data", Html.scriptJson(json(comparison)),
                "chartjs", chartJs.source(),
                "chartjs-version", Html.escape(chartJs.version()),
                "script", HtmlTemplate.script(ComparisonReport.class, SCRIPT)));
    }

    private static String json(Comparison comparison) {
        try {
            return JSON.writeValueAsString(comparison);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the comparison as JSON", e);
        }
    }

    private static String resource(String name) {
        return HtmlTemplate.resource(ComparisonReport.class, name);
    }
}
