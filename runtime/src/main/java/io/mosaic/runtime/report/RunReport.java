package io.mosaic.runtime.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mosaic.runtime.html.ChartJs;
import io.mosaic.runtime.html.Html;
import io.mosaic.runtime.html.HtmlTemplate;
import io.mosaic.runtime.run.RunFolder;
import java.util.Map;

/**
 * {@code report.html}: one run as a page that needs nothing but a browser, even offline, like the comparison's. The
 * header and tables are written here; the charts (training curves, sweeps, predicted against true scores) are drawn
 * in the browser by Chart.js, inlined in the page, from {@link RunPageData} embedded in the page as a
 * {@code <script type="application/json" id="run-data">} element.
 */
public final class RunReport {
    public static final String FILE = "report.html";

    private static final String TEMPLATE = "run-report.html";
    private static final String SCRIPT = "run-report.js";
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private RunReport() {
    }

    /** Writes the report of the run in {@code folder} from what the folder holds, atomically. */
    public static void write(RunFolder folder) {
        folder.writeText(FILE, html(RunContents.of(folder), ChartJs.load()));
    }

    /** The page of {@code run}, drawn with {@code chartJs}. */
    static String html(RunContents run, ChartJs chartJs) {
        RunPageData data = RunPageData.of(run);
        return HtmlTemplate.fill(HtmlTemplate.resource(RunReport.class, TEMPLATE), Map.ofEntries(
                Map.entry("title", Html.escape("Mosaic run: " + run.status().assembly())),
                Map.entry("style", HtmlTemplate.style()),
                Map.entry("header", RunTables.header(run)),
                Map.entry("assembly", RunTables.assembly(run)),
                Map.entry("metrics", RunTables.metrics(run)),
                Map.entry("sweeps", RunTables.sweeps(run)),
                Map.entry("confusion", data.confusion() == null ? "" : RunTables.confusion(data.confusion())),
                Map.entry("costs", RunTables.costs(run)),
                Map.entry("data", Html.scriptJson(json(data))),
                Map.entry("chartjs", chartJs.source()),
                Map.entry("chartjs-version", Html.escape(chartJs.version())),
                Map.entry("script", HtmlTemplate.script(RunReport.class, SCRIPT))));
    }

    /** A page's chart data as JSON. */
    static String json(Object data) {
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a report's data as JSON", e);
        }
    }
}
