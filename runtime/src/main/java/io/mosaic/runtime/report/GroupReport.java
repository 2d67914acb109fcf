package io.mosaic.runtime.report;

import io.mosaic.runtime.html.ChartJs;
import io.mosaic.runtime.html.Html;
import io.mosaic.runtime.html.HtmlTemplate;
import io.mosaic.runtime.run.RunFolder;
import java.nio.file.Path;
import java.util.Map;

/**
 * A seed group's {@code report.html}: the group as one page that needs nothing but a browser, even offline, like a
 * run's. The header and tables (the seeds, each linked to its own report; each metric's mean ± std over the completed
 * seeds) are written here; the curves (each series' mean over the seeds and its min–max band) are drawn in the
 * browser by Chart.js, inlined in the page, from {@link GroupPageData} embedded as {@code <script id="group-data">}.
 */
public final class GroupReport {
    public static final String FILE = RunReport.FILE;

    private static final String TEMPLATE = "group-report.html";
    private static final String SCRIPT = "group-report.js";

    private GroupReport() {
    }

    /**
     * Writes the page of the seed group in {@code group} from what its seeds' folders hold, atomically.
     *
     * @throws IllegalArgumentException when the folder holds no seed's run, or a run's file cannot be read
     */
    public static void write(RunFolder group) {
        group.writeText(FILE, html(GroupContents.of(group.path()), group.path(), ChartJs.load()));
    }

    /** The page of {@code group}, whose folder is {@code folder} (where its links are checked), drawn with chartJs. */
    static String html(GroupContents group, Path folder, ChartJs chartJs) {
        return HtmlTemplate.fill(HtmlTemplate.resource(GroupReport.class, TEMPLATE), Map.ofEntries(
                Map.entry("title", Html.escape("Mosaic seed group: " + group.assembly())),
                Map.entry("style", HtmlTemplate.style()),
                Map.entry("header", GroupTables.header(group)),
                Map.entry("seeds", GroupTables.seeds(group, folder)),
                Map.entry("metrics", GroupTables.metrics(group)),
                Map.entry("data", Html.scriptJson(RunReport.json(GroupPageData.of(group)))),
                Map.entry("chartjs", chartJs.source()),
                Map.entry("chartjs-version", Html.escape(chartJs.version())),
                Map.entry("script", HtmlTemplate.script(GroupReport.class, SCRIPT))));
    }
}
