package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mosaic.itests.support.Browser;
import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.Host;
import io.mosaic.itests.support.HttpApi;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.Poll;
import io.mosaic.itests.support.RunFiles;
import io.mosaic.runtime.host.RuntimeOptions;
import io.mosaic.runtime.serve.HttpAccess;
import io.mosaic.runtime.serve.ServeOptions;
import io.mosaic.runtime.serve.Server;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serve page in headless Chromium: it lists a run made before the server started (its assembly named with markup,
 * shown as text) and links to its report, which opens; a run submitted from the page has its loss and selection
 * curves drawn as its epochs finish (the charts' datasets grow, holding the API's numbers), with elapsed time and time
 * left; its Cancel button stops it, and the page shows it cancelled, in the jobs and in the runs folder; the comparison
 * form sends the assemblies checked and the seeds.
 */
class ServePageIT {
    /** More epochs than the test lets the job train (a tiny epoch takes about 0.1 s): it ends by its cancellation. */
    private static final int EPOCHS = 2000;
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final String HOSTILE = "<script>document.title='owned'</script><img src=x "
            + "onerror=\"document.title='owned'\">";
    /** The values of a chart's datasets, by label, as Chart.js holds them. */
    private static final String CHART = """
            const chart = Chart.getChart(document.querySelector("canvas[data-chart='" + arguments[0] + "']"));
            if (chart === undefined) return null;
            const data = {};
            chart.data.datasets.forEach(d => data[d.label] = d.data);
            return data;
            """;
    private static final String ROW_CELLS = """
            const row = document.querySelector(arguments[0]);
            return row === null ? null : Array.from(row.cells).map(cell => cell.textContent);
            """;

    @TempDir
    Path work;

    @Test
    void thePageListsEarlierRunsFollowsARunningJobsCurvesAndCancelsIt() throws Exception {
        Browser.assumeInstalled();
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(10));
        Path hostile = Files.writeString(work.resolve("hostile.yaml"), """
                extends: baseline
                name: '%s'
                """.formatted(HOSTILE.replace("'", "''")));
        Cli.Result before = Cli.run(options, "run", hostile.toString(), "--set", "data.preset=tiny", "--set",
                "train.epochs=1", "-q");
        assertThat(before.exitCode()).as(before.toString()).isZero();
        Path earlier = RunFiles.onlyRun(options.runs());
        String token = HttpAccess.newToken();

        try (Host host = Host.bootServing(options, new ServeOptions("127.0.0.1", 0, false));
             Server server = Server.start(host.runtime(), host.workbench(),
                     HttpAccess.of("127.0.0.1", Optional.of(token), Optional.empty()), Duration.ofSeconds(30));
             Browser browser = Browser.start(work.resolve("chromium-profile"))) {
            HttpApi api = new HttpApi(server.endpoint(), token);
            browser.open(server.pageUrl());

            String earlierRow = "#runs tr[data-name='" + earlier.getFileName() + "']";
            List<?> listed = awaitCells(browser, earlierRow, cells -> cells.get(3).equals("completed"));
            assertThat(listed.get(0)).isEqualTo(earlier.getFileName().toString());
            assertThat(listed.get(1)).isEqualTo("run");
            assertThat(listed.get(2)).as("the assembly's name, as text").isEqualTo(HOSTILE);
            String reportLink = (String) browser.script("return document.querySelector(arguments[0] + ' a').href;",
                    earlierRow);
            assertThat(reportLink).isEqualTo(server.endpoint().resolve("reports/" + earlier.getFileName()
                    + "/report.html?token=" + token).toString());

            browser.script("document.getElementById('yaml').value = arguments[0];"
                    + "document.getElementById('overrides').value = arguments[1];"
                    + "document.getElementById('run-yaml').click();", "extends: baseline\nname: '"
                    + HOSTILE.replace("'", "''") + "'\n", "data.preset=tiny\ntrain.epochs=" + EPOCHS + "\ntrain.patience=0");
            int id = Poll.untilValue("the page submitted the run", () -> {
                JsonNode jobs = get(api, "api/jobs");
                return jobs.size() == 1 ? Optional.of(jobs.get(0).get("id").asInt()) : Optional.empty();
            }, DEADLINE);
            String jobRow = "#jobs tr[data-job='" + id + "']";

            List<Integer> lengths = followTheCurve(browser, api, id);
            assertThat(lengths).as("the losses chart's length, read as epochs finished").hasSizeGreaterThan(1)
                    .isSorted().doesNotHaveDuplicates().allMatch(n -> n >= 1);
            String time = (String) browser.script("return document.getElementById('job-time').textContent;");
            String duration = "(\\d+ s|\\d+m \\d\\ds|\\d+h \\d\\dm)";
            assertThat(time).matches("elapsed " + duration + " · about " + duration + " left \\(\\d+\\.\\d s per "
                    + "epoch × \\d+ epochs left\\)");
            assertThat(browser.script(ROW_CELLS, jobRow)).asList().element(2).isEqualTo(HOSTILE);
            assertThat((String) browser.script("return document.getElementById('job-title').textContent;"))
                    .contains(HOSTILE);
            Path shot = browser.screenshotOfWholePage(Path.of(System.getProperty("mosaic.itest.target", "target"),
                    "serve-page-running.png"));
            System.out.println("serve page screenshot: " + shot.toAbsolutePath());

            browser.script("document.querySelector(\"button.cancel[data-job='\" + arguments[0] + \"']\").click();",
                    id);
            awaitCells(browser, jobRow, cells -> cells.get(3).equals("cancelled"));
            JsonNode cancelled = get(api, "api/jobs/" + id).get("job");
            assertThat(cancelled.get("state").asText()).isEqualTo("CANCELLED");
            Path folder = Path.of(cancelled.get("folder").asText());
            assertThat(RunFiles.status(folder).get("state").asText()).isEqualTo("cancelled");
            assertThat(browser.script("return document.querySelectorAll(arguments[0] + ' button.cancel').length;",
                    jobRow)).isEqualTo(0L);
            awaitCells(browser, "#runs tr[data-name='" + folder.getFileName() + "']",
                    cells -> cells.get(3).equals("cancelled"));

            assertThat(browser.severeConsoleMessages()).as("console errors").isEmpty();
            assertThat(compareError(browser, List.of("baseline"), 2)).isEqualTo("a comparison needs at least two "
                    + "assemblies, found 1");
            assertThat(compareError(browser, List.of("baseline", "baseline-maci"), 0))
                    .as("the assemblies chosen and the seeds are what the page sends")
                    .isEqualTo("seeds must be at least 1, found 0");
            assertThat(browser.severeConsoleMessages()).as("the browser logs the two refusals, and nothing else")
                    .hasSize(2).allMatch(message -> message.endsWith("/api/compares - Failed to load resource: the "
                            + "server responded with a status of 400 (Bad Request)"));

            assertThat(browser.script("return document.title;")).isEqualTo("Mosaic");
            assertThat(browser.script("return document.querySelectorAll('img').length;")).isEqualTo(0L);
            assertThat(browser.severeConsoleMessages()).as("console errors").isEmpty();

            browser.open(URI.create(reportLink));
            assertThat(browser.script("return document.title;")).isEqualTo("Mosaic run: " + HOSTILE);
            assertThat(browser.script("return document.querySelectorAll('canvas').length;")).isNotEqualTo(0L);
            assertThat(browser.script("return Chart.getChart(document.querySelector('canvas')) !== undefined;"))
                    .isEqualTo(true);
            assertThat(browser.severeConsoleMessages()).as("the report under its content policy").isEmpty();
        }
    }

    /**
     * The lengths of the job's losses chart, read every 200 ms while the job runs, each new one once: each time,
     * the chart holds the API's train losses of the epochs finished so far. Stops after three lengths, or when the
     * job ends.
     */
    private static List<Integer> followTheCurve(Browser browser, HttpApi api, int id) {
        List<Integer> lengths = new ArrayList<>();
        Poll.until("three lengths of the curve of job " + id, () -> {
            Map<?, ?> chart = (Map<?, ?>) browser.script(CHART, "job:losses");
            JsonNode progress = get(api, "api/jobs/" + id).get("job").get("progress");
            if (chart != null && chart.get("train loss") instanceof List<?> trainLoss && !trainLoss.isEmpty()
                    && (lengths.isEmpty() || lengths.get(lengths.size() - 1) != trainLoss.size())) {
                assertThat(trainLoss.size()).isLessThanOrEqualTo(progress.get("epochs").size());
                for (int e = 0; e < trainLoss.size(); e++) {
                    assertThat(((Number) trainLoss.get(e)).doubleValue()).as("epoch " + (e + 1))
                            .isEqualTo(progress.get("epochs").get(e).get("trainLoss").asDouble());
                }
                assertThat(List.copyOf(((Map<?, ?>) browser.script(CHART, "job:selection")).keySet()))
                        .isEqualTo(List.of("valid_" + progress.get("selection").asText()));
                lengths.add(trainLoss.size());
            }
            return lengths.size() >= 3;
        }, DEADLINE);
        return lengths;
    }

    /** The error the page shows when it submits a comparison of {@code assemblies} over {@code seeds}. */
    private static String compareError(Browser browser, List<String> assemblies, int seeds) {
        browser.script("""
                document.getElementById('compare-error').textContent = '';
                document.querySelectorAll('#assemblies-compared input').forEach(box =>
                  box.checked = arguments[0].includes(box.value));
                document.getElementById('seeds').value = arguments[1];
                document.getElementById('compare').click();
                """, assemblies, seeds);
        return Poll.untilValue("the comparison's error shown", () -> Optional.of((String) browser.script(
                "return document.getElementById('compare-error').textContent;")).filter(t -> !t.isEmpty()),
                DEADLINE);
    }

    private static List<?> awaitCells(Browser browser, String row, Predicate<List<?>> condition) {
        return Poll.untilValue(row + " shown", () -> {
            List<?> cells = (List<?>) browser.script(ROW_CELLS, row);
            return cells != null && condition.test(cells) ? Optional.of(cells) : Optional.empty();
        }, DEADLINE);
    }

    private static JsonNode get(HttpApi api, String path) {
        try {
            return api.get(path).json();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
