package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's {@code report.html} in a real browser: headless Chromium loads the file with no network, logs no error,
 * draws every chart the run calls for with the expected datasets, shows the confusion matrix counted from
 * {@code predictions.csv}, and shows a hostile description as text. {@code mosaic report} writes the page again.
 */
class RunReportIT {
    private static final String HOSTILE = "<img src=x onerror=\"document.title='owned'\"> & </script>"
            + "<script>document.title='owned'</script>";
    /** Per canvas: the chart it names, whether Chart.js holds a chart for it, its datasets, its painted pixels. */
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
                datasets: chart ? chart.data.datasets.map(d => d.label) : [],
                points: chart ? chart.data.datasets.map(d => d.data.length) : [],
                painted: painted,
                pixels: canvas.width * canvas.height
              };
            });
            """;
    private static final String CONFUSION = """
            return Array.from(document.querySelectorAll('table.confusion td.count')).map(cell =>
              [Number(cell.dataset.true), Number(cell.dataset.predicted), Number(cell.textContent)]);
            """;

    @TempDir
    Path work;

    @Test
    void theReportOfAClassRunDrawsItsChartsAndCountsItsConfusionMatrixFromThePredictions() throws IOException {
        Browser.assumeInstalled();
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(10));
        Path assembly = Files.writeString(work.resolve("maci-hostile.yaml"), """
                name: maci-hostile
                extends: baseline-maci
                description: '%s'
                """.formatted(HOSTILE.replace("'", "''")));
        Cli.Result result = Cli.run(options, "run", assembly.toString(), "--set", "data.preset=tiny", "--set",
                "train.epochs=2", "--set", "train.patience=0", "-q");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path run = RunFiles.onlyRun(options.runs());
        JsonNode metrics = RunFiles.metrics(run);
        long[][] expected = confusion(run.resolve("predictions.csv"), 3);

        try (Browser browser = Browser.start(work.resolve("chromium-profile"))) {
            browser.open(run.resolve("report.html"));

            assertThat(browser.severeConsoleMessages()).as("console errors").isEmpty();
            Map<String, Map<?, ?>> charts = charts(browser.script(CHARTS));
            String selection = "valid_" + metrics.get("selection").asText();
            assertThat(charts).containsOnlyKeys("training:losses", "training:selection", "predictions:classes");
            assertDrawn(charts);
            assertThat(charts.get("training:losses").get("datasets"))
                    .isEqualTo(List.of("train loss", "valid loss", "objective cross-entropy"));
            assertThat(charts.get("training:selection").get("datasets"))
                    .isEqualTo(List.of(selection, "selected epoch " + metrics.get("bestEpoch").asInt()));
            assertThat(charts.get("predictions:classes").get("datasets")).isEqualTo(List.of("true", "predicted"));

            long[][] shown = new long[3][3];
            long total = 0;
            for (Object cell : (List<?>) browser.script(CONFUSION)) {
                List<?> c = (List<?>) cell;
                shown[((Number) c.get(0)).intValue()][((Number) c.get(1)).intValue()] = ((Number) c.get(2)).longValue();
                total += ((Number) c.get(2)).longValue();
            }
            assertThat(shown).isEqualTo(expected);
            assertThat(total).as("the test split's size").isEqualTo(Arrays.stream(expected).flatMapToLong(
                    Arrays::stream).sum()).isPositive();

            assertThat(browser.script("return document.getElementById('assembly-description').textContent;"))
                    .isEqualTo(HOSTILE);
            assertThat(browser.script("return document.title;")).isEqualTo("Mosaic run: maci-hostile");
            assertThat(browser.script("return document.querySelectorAll('img').length;")).isEqualTo(0L);
            assertThat(browser.script("return document.getElementById('resolved-assembly').open;")).isEqualTo(false);

            Path screenshot = browser.screenshotOfWholePage(
                    Path.of(System.getProperty("mosaic.itest.target", "target"), "run-report-classes.png"));
            System.out.println("run report screenshot: " + screenshot.toAbsolutePath());
        }
    }

    @Test
    void theReportOfARegressionRunWithASweepDrawsItsScatterAndSweepCurvesAndIsWrittenAgainByReport()
            throws IOException {
        Browser.assumeInstalled();
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(10));
        Cli.Result result = Cli.run(options, "run", "baseline-rmfm", "--set", "data.preset=tiny", "--set",
                "train.epochs=2", "-q");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path run = RunFiles.onlyRun(options.runs());
        JsonNode metrics = RunFiles.metrics(run);
        Files.delete(run.resolve("report.html"));

        Cli.Result report = Cli.run(options, "report", run.toString());

        assertThat(report.exitCode()).as(report.toString()).isZero();
        assertThat(report.out()).startsWith(run.resolve("report.html") + "\n").contains("1 page written in ");
        long testRows = Files.readAllLines(run.resolve("predictions.csv")).stream()
                .filter(line -> line.split(",", -1)[1].equals("test") && line.split(",", -1)[2].isEmpty()).count();
        try (Browser browser = Browser.start(work.resolve("chromium-profile"))) {
            browser.open(run.resolve("report.html"));

            assertThat(browser.severeConsoleMessages()).as("console errors").isEmpty();
            Map<String, Map<?, ?>> charts = charts(browser.script(CHARTS));
            List<String> expected = new ArrayList<>(List.of("training:losses", "training:selection",
                    "predictions:scatter"));
            metrics.get("sweeps").fields().forEachRemaining(sweep -> sweep.getValue().get("curves").fieldNames()
                    .forEachRemaining(metric -> expected.add("sweep:" + sweep.getKey() + ":" + metric)));
            assertThat(expected).anyMatch(id -> id.startsWith("sweep:rmfm:"));
            assertThat(charts.keySet()).containsExactlyInAnyOrderElementsOf(expected);
            assertDrawn(charts);
            assertThat(charts.get("predictions:scatter").get("datasets"))
                    .isEqualTo(List.of("test samples (" + testRows + ")", "predicted = true"));
            assertThat(charts.get("predictions:scatter").get("points")).isEqualTo(List.of(testRows, 2L));
            int rates = metrics.get("sweeps").get("rmfm").get("rates").size();
            charts.entrySet().stream().filter(e -> e.getKey().startsWith("sweep:")).forEach(e ->
                    assertThat(e.getValue().get("points")).as(e.getKey()).isEqualTo(List.of((long) rates)));
            assertThat(browser.script("return document.querySelector(\"td[data-split='test'][data-metric='mae']\")"
                    + ".textContent;")).isEqualTo(String.format(java.util.Locale.ROOT, "%.4f",
                    metrics.get("test").get("mae").asDouble()));

            Path screenshot = browser.screenshotOfWholePage(
                    Path.of(System.getProperty("mosaic.itest.target", "target"), "run-report-regression.png"));
            System.out.println("run report screenshot: " + screenshot.toAbsolutePath());
        }
    }

    /** The confusion matrix of the clean test rows of {@code predictions.csv}, counted here line by line. */
    private static long[][] confusion(Path predictions, int classes) throws IOException {
        List<String> lines = Files.readAllLines(predictions);
        List<String> header = List.of(lines.get(0).split(","));
        long[][] counts = new long[classes][classes];
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertThat(cells).as("the testbed's ids need no quotes").hasSize(header.size());
            if (cells[header.indexOf("split")].equals("test") && cells[header.indexOf("sweep")].isEmpty()) {
                counts[Integer.parseInt(cells[header.indexOf("label")])]
                        [Integer.parseInt(cells[header.indexOf("prediction")])]++;
            }
        }
        return counts;
    }

    private static void assertDrawn(Map<String, Map<?, ?>> charts) {
        charts.forEach((id, chart) -> {
            assertThat(chart.get("drawn")).as(id + " has a Chart.js chart").isEqualTo(true);
            assertThat(((Number) chart.get("painted")).doubleValue()).as(id + ": painted pixels")
                    .isGreaterThan(0.02 * ((Number) chart.get("pixels")).doubleValue());
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<?, ?>> charts(Object described) {
        Map<String, Map<?, ?>> charts = new LinkedHashMap<>();
        ((List<Map<?, ?>>) described).forEach(chart -> charts.put((String) chart.get("id"), chart));
        return charts;
    }
}
