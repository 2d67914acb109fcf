package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mosaic.itests.support.Browser;
import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.EpochTable;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.RunFiles;
import io.mosaic.runtime.host.RuntimeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seed group's {@code report.html} in a real browser: written when {@code run --seeds} ends, it logs no error, shows
 * each metric's mean ± std as computed here from the seeds' {@code metrics.json}, draws every series of the seeds'
 * logs as a mean line and a min–max band, links each seed's own report, keeps a hostile description as text, and,
 * written again by {@code mosaic report} after a seed is marked failed, shows that seed as failed and leaves it out of
 * the means.
 */
class GroupReportIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSTILE = "<img src=x onerror=\"document.title='owned'\"> & </script>"
            + "<script>document.title='owned'</script>";
    /** Per canvas: the chart it names, whether Chart.js holds a chart for it, its datasets' labels and points. */
    private static final String CHARTS = """
            return Array.from(document.querySelectorAll('canvas')).map(canvas => {
              const chart = Chart.getChart(canvas);
              return {
                id: canvas.dataset.chart,
                drawn: chart !== undefined,
                datasets: chart ? chart.data.datasets.map(d => d.label) : [],
                mean: chart ? chart.data.datasets[0].data.map(p => [p.x, p.y]) : []
              };
            });
            """;
    private static final String LINKS = """
            return Array.from(document.querySelectorAll('a.run-report')).map(a => a.getAttribute('href'));
            """;

    @TempDir
    Path work;

    @Test
    void theGroupPageShowsTheSeedsMeansAndBandsAndLeavesAFailedSeedOut() throws IOException {
        Browser.assumeInstalled();
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(10));
        Path assembly = Files.writeString(work.resolve("baseline-hostile.yaml"), """
                name: baseline-hostile
                extends: baseline
                description: '%s'
                """.formatted(HOSTILE.replace("'", "''")));
        Cli.Result result = Cli.run(options, "run", assembly.toString(), "--seeds", "3", "--set",
                "data.preset=tiny", "--set", "train.epochs=2", "-q");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path group = RunFiles.onlyRun(options.runs());
        List<Path> seeds = seeds(group);
        assertThat(seeds).hasSize(3);
        assertThat(group.resolve("report.html")).as("written when the group ended").isRegularFile();

        try (Browser browser = Browser.start(work.resolve("chromium-profile"))) {
            browser.open(group.resolve("report.html"));

            assertThat(browser.severeConsoleMessages()).as("console errors").isEmpty();
            assertMeansOver(browser, seeds);
            assertCurves(browser, seeds);
            List<?> links = (List<?>) browser.script(LINKS);
            assertThat(links).hasSize(3).allSatisfy(href -> assertThat(group.resolve((String) href)).isRegularFile());
            assertThat(browser.script("return document.getElementById('assembly-description').textContent;"))
                    .isEqualTo(HOSTILE);
            assertThat(browser.script("return document.title;")).isEqualTo("Mosaic seed group: baseline-hostile");
            assertThat(browser.script("return document.querySelectorAll('img').length;")).isEqualTo(0L);
            Path screenshot = browser.screenshotOfWholePage(
                    Path.of(System.getProperty("mosaic.itest.target", "target"), "group-report.png"));
            System.out.println("seed group report screenshot: " + screenshot.toAbsolutePath());

            Path failed = seeds.get(2);
            ObjectNode status = (ObjectNode) RunFiles.status(failed);
            status.put("state", "failed").put("error", "stopped by the test");
            JSON.writeValue(failed.resolve("run.json").toFile(), status);
            Files.delete(failed.resolve("metrics.json"));
            Cli.Result report = Cli.run(options, "report", group.toString());
            assertThat(report.exitCode()).as(report.toString()).isZero();
            assertThat(report.out()).contains(group.resolve("report.html").toString());

            browser.open(group.resolve("report.html"));
            assertThat(browser.severeConsoleMessages()).as("console errors").isEmpty();
            assertThat(browser.script("return document.querySelector(\"tr[data-seed='" + status.get("seed").asLong()
                    + "'] .state\").textContent;")).isEqualTo("failed");
            assertMeansOver(browser, seeds.subList(0, 2));
            assertCurves(browser, seeds.subList(0, 2));
        }
    }

    /** Every valid and test metric's cell shows the mean and population std of {@code completed} seeds. */
    private static void assertMeansOver(Browser browser, List<Path> completed) {
        List<JsonNode> metrics = completed.stream().map(RunFiles::metrics).toList();
        for (String split : List.of("valid", "test")) {
            metrics.get(0).get(split).fieldNames().forEachRemaining(metric -> {
                double[] values = metrics.stream().mapToDouble(m -> m.get(split).get(metric).asDouble()).toArray();
                double mean = 0;
                for (double v : values) {
                    mean += v / values.length;
                }
                double squares = 0;
                for (double v : values) {
                    squares += (v - mean) * (v - mean);
                }
                String cell = "td.mean-std[data-split='" + split + "'][data-metric='" + metric + "']";
                assertThat(browser.script("return document.querySelector(arguments[0]).textContent;", cell))
                        .as(split + " " + metric).isEqualTo(String.format(Locale.ROOT, "%.4f ± %.4f", mean,
                                Math.sqrt(squares / values.length)));
                assertThat(browser.script("return document.querySelector(arguments[0]).dataset.n;", cell))
                        .isEqualTo(Integer.toString(values.length));
            });
        }
    }

    /**
     * Every loss and objective column of the seeds' logs, and the selection metric, is drawn (alone, or with the
     * columns equal to it) as a mean line and a min–max band; the training loss's mean is the seeds' mean per epoch.
     */
    @SuppressWarnings("unchecked")
    private static void assertCurves(Browser browser, List<Path> completed) {
        Map<String, Map<?, ?>> charts = new LinkedHashMap<>();
        ((List<Map<?, ?>>) browser.script(CHARTS)).forEach(chart -> charts.put((String) chart.get("id"), chart));
        List<EpochTable> logs = completed.stream().map(RunFiles::epochs).toList();
        List<String> expected = new ArrayList<>();
        for (String column : logs.get(0).header()) {
            if (column.equals("train_loss") || column.equals("valid_loss") || column.startsWith("objective_")) {
                expected.add(column);
            }
        }
        expected.add("valid_" + RunFiles.metrics(completed.get(0)).get("selection").asText());
        List<String> drawn = charts.keySet().stream()
                .flatMap(id -> Stream.of(id.substring("training:".length()).split("="))).toList();
        assertThat(drawn).containsExactlyInAnyOrderElementsOf(expected);
        charts.forEach((id, chart) -> {
            assertThat(chart.get("drawn")).as(id).isEqualTo(true);
            assertThat(chart.get("datasets")).as(id).isEqualTo(List.of("mean", "min over seeds", "max over seeds"));
        });
        Map<?, ?> train = charts.entrySet().stream().filter(e -> e.getKey().startsWith("training:train_loss"))
                .findFirst().orElseThrow().getValue();
        List<List<Number>> mean = (List<List<Number>>) train.get("mean");
        assertThat(mean).hasSize(logs.get(0).numbers("epoch").size());
        for (int e = 0; e < mean.size(); e++) {
            int row = e;
            double expectedMean = logs.stream().mapToDouble(log -> log.numbers("train_loss").get(row)).average()
                    .orElseThrow();
            assertThat(mean.get(e).get(1).doubleValue()).as("train loss, epoch " + (e + 1))
                    .isCloseTo(expectedMean, within(1e-9));
        }
    }

    private static List<Path> seeds(Path group) throws IOException {
        try (Stream<Path> entries = Files.list(group)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("seed-"))
                    .sorted(Comparator.comparing(p -> Long.parseLong(p.getFileName().toString().substring(5))))
                    .toList();
        }
    }
}
