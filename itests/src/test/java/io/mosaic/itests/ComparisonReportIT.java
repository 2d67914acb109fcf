package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mosaic.itests.support.Browser;
import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.RunFiles;
import io.mosaic.runtime.host.RuntimeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mosaic compare}'s {@code comparison.html} in a real browser: headless Chromium loads the file with no
 * network, logs no error, draws every chart the comparison calls for, and shows the numbers of
 * {@code comparison.json}.
 */
class ComparisonReportIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A third assembly, so that a sweep chart has two lines: baseline-rmfm with a wider head. */
    private static final String WIDE = """
            name: baseline-rmfm-wide
            extends: baseline-rmfm
            description: baseline-rmfm with a wider MLP head.
            components:
              head: { use: mlp, hidden: [128], dropout: 0.1 }
            """;
    /**
     * Per canvas: the chart it names, whether Chart.js holds a chart for it, the chart's labels and datasets, and
     * how many of its pixels are painted (not fully transparent).
     */
    private static final String CHARTS = """
            return Array.from(document.querySelectorAll('canvas')).map(canvas => {
              const chart = Chart.getChart(canvas);
              const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              let painted = 0;
              for (let alpha = 3; alpha < pixels.length; alpha += 4) {
                if (pixels[alpha] > 0) painted++;
              }
              return {
                id: canvas.dataset.chart,
                drawn: chart !== undefined,
                labels: chart ? (chart.data.labels || []) : [],
                datasets: chart ? chart.data.datasets.map(d => d.label) : [],
                painted: painted,
                pixels: canvas.width * canvas.height
              };
            });
            """;

    /** Per canvas: its chart's datasets' points as JSON (to compare charts), and its value axis's bounds. */
    private static final String CHART_DATA = """
            return Array.from(document.querySelectorAll('canvas')).map(canvas => {
              const chart = Chart.getChart(canvas);
              const values = chart.data.datasets.flatMap(d => d.data.flatMap(p =>
                p === null ? [] : Array.isArray(p) ? p : typeof p === 'object' ? [p.y] : [p])).filter(v => v !== null);
              return {
                id: canvas.dataset.chart,
                data: JSON.stringify(chart.data.datasets.map(d => d.data)),
                low: Math.min(...values), high: Math.max(...values),
                min: chart.scales.y.min, max: chart.scales.y.max
              };
            });
            """;
    /** Two assemblies that differ in one hyperparameter (and their name and description, a hostile one). */
    private static final String FAST = """
            name: baseline-fast
            extends: baseline
            description: '%s'
            train:
              optimizer: { lr: 0.003 }
            """;
    private static final String HOSTILE = "<img src=x onerror=\"document.title='owned'\"> & </script>"
            + "<script>document.title='owned'</script>";

    @TempDir
    Path work;

    @Test
    void theReportListsTheSettingsThatDifferMarksTheBestMeansAndLinksEachSeedsReport() throws IOException {
        Browser.assumeInstalled();
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(10));
        Path fast = Files.writeString(work.resolve("baseline-fast.yaml"),
                FAST.formatted(HOSTILE.replace("'", "''")));
        Cli.Result result = Cli.run(options, "compare", "baseline", fast.toString(), "--set", "data.preset=tiny",
                "--set", "train.epochs=2", "--seeds", "2", "-q");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path folder = RunFiles.onlyRun(options.runs());
        JsonNode comparison = JSON.readTree(folder.resolve("comparison.json").toFile());

        try (Browser browser = Browser.start(work.resolve("chromium-profile"))) {
            browser.open(folder.resolve("comparison.html"));

            assertThat(browser.severeConsoleMessages()).as("console errors").isEmpty();
            assertThat(browser.script("return Array.from(document.querySelectorAll('table.settings tbody tr'))"
                    + ".map(row => row.dataset.key);")).as("the keys that differ")
                    .isEqualTo(List.of("name", "description", "train.optimizer.lr"));
            assertThat(browser.script("return Array.from(document.querySelectorAll("
                    + "\"table.settings tr[data-key='description'] td\")).map(cell => cell.textContent);"))
                    .isEqualTo(List.of(RunFiles.resolvedAssembly(folder.resolve("baseline/seed-1111"))
                            .get("description"), HOSTILE));
            assertThat(browser.script("return Array.from(document.querySelectorAll("
                    + "\"table.settings tr[data-key='train.optimizer.lr'] td\")).map(cell => cell.textContent);"))
                    .isEqualTo(List.of("0.001", "0.003"));
            assertThat(browser.script("return document.querySelectorAll('img, table.settings script').length;"))
                    .isEqualTo(0L);
            assertThat(browser.script("return document.title;")).isEqualTo("Mosaic comparison: baseline vs "
                    + "baseline-fast");

            assertBestMarked(browser, comparison, "mae", true);
            assertBestMarked(browser, comparison, "corr", false);
            assertChartsDistinctAndScaledToTheirData(browser);

            @SuppressWarnings("unchecked")
            List<String> links = (List<String>) browser.script("return Array.from(document.querySelectorAll("
                    + "'a.run-report, a.group-report')).map(a => a.getAttribute('href'));");
            assertThat(links).as("two seed groups' pages and four seeds' reports").hasSize(6)
                    .allSatisfy(href -> assertThat(folder.resolve(href)).isRegularFile())
                    .contains("baseline/report.html", "baseline-fast/seed-1112/report.html");
            Path screenshot = browser.screenshotOfWholePage(
                    Path.of(System.getProperty("mosaic.itest.target", "target"), "comparison-settings.png"));
            System.out.println("comparison report screenshot: " + screenshot.toAbsolutePath());
        }
    }

    /** The cell of the assembly with the best mean of {@code metric} is the one marked best, and only it. */
    private static void assertBestMarked(Browser browser, JsonNode comparison, String metric, boolean lowerIsBetter) {
        JsonNode first = comparison.get("assemblies").get(0);
        JsonNode second = comparison.get("assemblies").get(1);
        double a = first.get("test").get(metric).get("mean").asDouble();
        double b = second.get("test").get(metric).get("mean").asDouble();
        assertThat(a).as("the test needs the two to differ on " + metric).isNotEqualTo(b);
        String best = (a < b) == lowerIsBetter ? first.get("assembly").asText() : second.get("assembly").asText();
        assertThat(browser.script("return Array.from(document.querySelectorAll(\"table.metrics td.best[data-metric='"
                + metric + "']:not([data-split])\")).map(cell => cell.dataset.assembly "
                + "+ (cell.querySelector('.best-mark') ? ' ★' : ''));")).as("best " + metric)
                .isEqualTo(List.of(best + " ★"));
    }

    /** No two charts draw the same points; a chart whose values are all far from 0 has its axis start above 0. */
    @SuppressWarnings("unchecked")
    private static void assertChartsDistinctAndScaledToTheirData(Browser browser) {
        List<Map<String, Object>> charts = (List<Map<String, Object>>) browser.script(CHART_DATA);
        assertThat(charts.stream().map(chart -> chart.get("data")).distinct().count()).as("distinct charts")
                .isEqualTo(charts.size());
        int farFromZero = 0;
        for (Map<String, Object> chart : charts) {
            double low = ((Number) chart.get("low")).doubleValue();
            double high = ((Number) chart.get("high")).doubleValue();
            double min = ((Number) chart.get("min")).doubleValue();
            double max = ((Number) chart.get("max")).doubleValue();
            assertThat(min).as(chart.get("id") + " axis min").isLessThanOrEqualTo(low);
            assertThat(max).as(chart.get("id") + " axis max").isGreaterThanOrEqualTo(high);
            if (low > 0 && high - low < low) {
                farFromZero++;
                assertThat(min).as(chart.get("id") + ": values in [" + low + ", " + high + "]").isGreaterThan(0);
            }
        }
        assertThat(farFromZero).as("charts whose values are all far from 0").isPositive();
    }

    @Test
    void theReportDrawsEveryChartWithoutErrorsAndShowsTheComparisonsNumbers() throws IOException {
        Browser.assumeInstalled();
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(10));
        Path wide = Files.writeString(work.resolve("baseline-rmfm-wide.yaml"), WIDE);
        Cli.Result result = Cli.run(options, "compare", "baseline", "baseline-rmfm", wide.toString(),
                "--set", "data.preset=tiny", "--set", "train.epochs=2", "--seeds", "2", "-q");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path folder = RunFiles.onlyRun(options.runs());
        JsonNode comparison = JSON.readTree(folder.resolve("comparison.json").toFile());
        List<String> assemblies = new ArrayList<>();
        comparison.get("assemblies").forEach(a -> assemblies.add(a.get("assembly").asText()));

        try (Browser browser = Browser.start(work.resolve("chromium-profile"))) {
            browser.open(folder.resolve("comparison.html"));

            assertThat(browser.severeConsoleMessages()).as("console errors").isEmpty();
            Map<String, Map<?, ?>> charts = charts(browser.script(CHARTS));
            assertThat(charts).containsOnlyKeys(expectedCharts(comparison).keySet());
            expectedCharts(comparison).forEach((id, datasets) -> {
                Map<?, ?> chart = charts.get(id);
                assertThat(chart.get("drawn")).as(id + " has a Chart.js chart").isEqualTo(true);
                assertThat(((Number) chart.get("painted")).doubleValue())
                        .as(id + ": painted pixels of " + chart.get("pixels"))
                        .isGreaterThan(0.02 * ((Number) chart.get("pixels")).doubleValue());
                if (id.startsWith("test:")) {
                    assertThat(chart.get("labels")).as(id).isEqualTo(assemblies);
                    assertThat(chart.get("datasets")).as(id).isEqualTo(List.of("mean", "± 1 std", "seeds"));
                } else {
                    assertThat((List<?>) chart.get("datasets")).as(id).hasSize(datasets.size())
                            .allSatisfy(label -> assertThat(datasets).anyMatch(((String) label)::startsWith));
                }
            });
            assertTablesShow(browser, comparison);
            assertChartsDistinctAndScaledToTheirData(browser);

            browser.script("console.error('mosaic report probe');");
            assertThat(browser.consoleMessages()).as("the console check sees errors where there are some")
                    .anyMatch(entry -> entry.getMessage().contains("mosaic report probe")
                            && entry.getLevel().getName().equals("SEVERE"));
            Path screenshot = browser.screenshotOfWholePage(
                    Path.of(System.getProperty("mosaic.itest.target", "target"), "report-screenshot.png"));
            System.out.println("comparison report screenshot: " + screenshot.toAbsolutePath());
            assertThat(Files.size(screenshot)).isPositive();
        }
    }

    /** Per chart id, the labels its datasets start with: the assemblies it draws (or, for bars, their parts). */
    private static Map<String, List<String>> expectedCharts(JsonNode comparison) {
        Map<String, List<String>> charts = new LinkedHashMap<>();
        testCharts(comparison).forEach(metrics -> charts.put("test:" + metrics.get(0),
                List.of("mean", "± 1 std", "seeds")));
        Map<String, List<String>> selections = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        for (JsonNode assembly : comparison.get("assemblies")) {
            String name = assembly.get("assembly").asText();
            all.add(name);
            assembly.get("sweeps").fields().forEachRemaining(sweep -> sweep.getValue().get("curves").fieldNames()
                    .forEachRemaining(metric -> charts.computeIfAbsent("sweep:" + sweep.getKey() + ":" + metric,
                            id -> new ArrayList<>()).add(name)));
            selections.computeIfAbsent(assembly.get("training").get("selection").asText(), s -> new ArrayList<>())
                    .add(name);
        }
        charts.put("training:train_loss", all);
        selections.forEach((selection, names) -> charts.put("training:valid_" + selection, names));
        return charts;
    }

    /**
     * The test metrics as they are charted: one chart per distinct metric, where metrics whose every assembly's seeds
     * have the same values (an L1 loss and MAE) share one, named first by the first of them.
     */
    private static List<List<String>> testCharts(JsonNode comparison) {
        List<List<String>> charts = new ArrayList<>();
        comparison.get("assemblies").get(0).get("test").fieldNames().forEachRemaining(metric -> charts.stream()
                .filter(chart -> sameValues(comparison, chart.get(0), metric)).findFirst()
                .ifPresentOrElse(chart -> chart.add(metric), () -> charts.add(new ArrayList<>(List.of(metric)))));
        return charts;
    }

    /** Whether every seed of every assembly has the same value of both metrics, to a millionth (float precision). */
    private static boolean sameValues(JsonNode comparison, String first, String second) {
        for (JsonNode assembly : comparison.get("assemblies")) {
            JsonNode a = assembly.get("test").get(first).get("values");
            JsonNode b = assembly.get("test").get(second).get("values");
            for (int seed = 0; seed < a.size(); seed++) {
                double x = a.get(seed).asDouble();
                double y = b.get(seed).asDouble();
                if (Math.abs(x - y) > 1e-6 * Math.max(Math.abs(x), Math.abs(y))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Every assembly's test metrics (mean ± std, paired test) and costs, as comparison.json has them. */
    private static void assertTablesShow(Browser browser, JsonNode comparison) {
        for (JsonNode assembly : comparison.get("assemblies")) {
            String name = assembly.get("assembly").asText();
            assembly.get("test").fields().forEachRemaining(metric -> {
                String cell = "td[data-assembly='" + name + "'][data-metric='" + metric.getKey() + "']";
                assertThat(text(browser, cell + " .value")).as(name + " " + metric.getKey()).isEqualTo(
                        String.format(Locale.ROOT, "%.4f ± %.4f", metric.getValue().get("mean").asDouble(),
                                metric.getValue().get("std").asDouble()));
                JsonNode paired = assembly.get("paired").get(metric.getKey());
                if (paired != null) {
                    assertThat(text(browser, cell + " .paired")).as(name + " " + metric.getKey()).endsWith(
                            paired.hasNonNull("pValue") ? String.format(Locale.ROOT, "p %.3f",
                                    paired.get("pValue").asDouble()) : "p n/a");
                }
            });
            assertThat(text(browser, "td[data-assembly='" + name + "'][data-cost='parameters']"))
                    .isEqualTo(String.format(Locale.ROOT, "%,d", assembly.get("parameters").asLong()));
            JsonNode peak = assembly.get("peakResident");
            assertThat(peak.get("scope").asText()).as("Linux resets the peak per assembly").isEqualTo("assembly");
            assertThat(text(browser, "td[data-assembly='" + name + "'][data-cost='peak_resident_mb:assembly']"))
                    .isEqualTo(String.format(Locale.ROOT, "%.0f", peak.get("megabytes").asDouble()));
        }
    }

    private static String text(Browser browser, String selector) {
        return (String) browser.script("const e = document.querySelector(arguments[0]); "
                + "return e === null ? null : e.textContent;", selector);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<?, ?>> charts(Object described) {
        Map<String, Map<?, ?>> charts = new LinkedHashMap<>();
        ((List<Map<?, ?>>) described).forEach(chart -> charts.put((String) chart.get("id"), chart));
        return charts;
    }
}
