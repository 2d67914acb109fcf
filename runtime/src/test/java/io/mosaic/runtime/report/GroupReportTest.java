package io.mosaic.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mosaic.runtime.html.ChartJs;
import io.mosaic.runtime.run.EpochTable;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.run.RunStatus;
import io.mosaic.runtime.run.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupReportTest {
    private static final ChartJs CHART_JS = new ChartJs("9.9.9", "window.Chart = function () {};");
    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"group-data\">(.*?)</script>", Pattern.DOTALL);
    private static final String HOSTILE = "<img src=x onerror=alert(1)> & </script>";
    /** Seed 7: one objective of weight 1, so train_loss and objective_l1 are the same column; valid_loss is MAE. */
    private static final String SEED_7 = """
            epoch,stage,train_loss,valid_loss,valid_mae,objective_l1,seconds
            1,train,1.0,1.5,1.5,1.0,0.5
            2,train,0.75,1.25,1.25,0.75,0.5
            """;
    /** Seed 8 stopped after three epochs; its third epoch's validation was not logged (an empty cell). */
    private static final String SEED_8 = """
            epoch,stage,train_loss,valid_loss,valid_mae,objective_l1,seconds
            1,train,2.0,2.5,2.5,2.0,0.5
            2,train,0.25,0.75,0.75,0.25,0.5
            3,train,0.5,,,0.5,0.5
            """;

    @TempDir
    Path runs;

    @Test
    void metricsAreTheMeanAndPopulationStdOfTheCompletedSeedsOnly() throws Exception {
        Path group = group();

        GroupContents contents = GroupContents.of(group);
        String html = GroupReport.html(contents, group, CHART_JS);

        assertThat(contents.seeds()).extracting(GroupContents.Seed::seed).containsExactly(7L, 8L, 9L);
        assertThat(contents.completed()).extracting(GroupContents.Seed::seed).containsExactly(7L, 8L);
        // test mae 1.0 and 2.0: mean 1.5, population std 0.5; valid corr 0.25 and 0.75: mean 0.5, std 0.25.
        assertThat(html).contains("<td class=\"mean-std\" data-split=\"test\" data-metric=\"mae\" data-n=\"2\">"
                        + "1.5000 ± 0.5000</td>")
                .contains("<td class=\"mean-std\" data-split=\"valid\" data-metric=\"corr\" data-n=\"2\">"
                        + "0.5000 ± 0.2500</td>")
                .contains("<td class=\"seed-value\" data-seed=\"8\" data-split=\"test\" data-metric=\"mae\">"
                        + "2.0000</td>")
                .doesNotContain("data-seed=\"9\" data-split")
                .contains("<h3>Metrics on the target-1 test split</h3>")
                .contains("<td class=\"mean-std\" data-split=\"target-1\" data-metric=\"mae\" data-n=\"2\">"
                        + "3.0000 ± 1.0000</td>");
    }

    @Test
    void everySeedIsListedWithItsStateAndARelativeLinkToItsOwnReport() throws Exception {
        Path group = group();
        Files.writeString(group.resolve("seed-7").resolve(RunReport.FILE), "<!DOCTYPE html>");

        String html = GroupReport.html(GroupContents.of(group), group, CHART_JS);

        assertThat(html).contains("<a class=\"run-report\" href=\"seed-7/report.html\">seed-7/report.html</a>")
                .as("seed 8 has no report yet").doesNotContain("href=\"seed-8/report.html\"")
                .contains("<tr data-seed=\"9\"><th scope=\"row\">9</th><td class=\"state-cell\"><span "
                        + "class=\"state state-failed\">failed</span> <span class=\"note\">out of memory &lt;b&gt;"
                        + "</span></td>")
                .contains("<span id=\"seed-count\">3</span> <span class=\"note\">(2 completed; the others are left "
                        + "out of the means)</span>");
    }

    @Test
    void eachCurveIsTheSeedsMeanWithAMinMaxBandAndIdenticalSeriesAreDrawnOnce() throws Exception {
        Path group = group();

        JsonNode data = data(GroupReport.html(GroupContents.of(group), group, CHART_JS));

        assertThat(data.get("selection").asText()).isEqualTo("valid_mae");
        JsonNode curves = data.get("curves");
        assertThat(curves).hasSize(2);
        JsonNode train = curves.get(0);
        assertThat(train.get("columns").toString()).isEqualTo("[\"train_loss\",\"objective_l1\"]");
        assertThat(train.get("epochs").toString()).isEqualTo("[1,2,3]");
        assertThat(train.get("mean").toString()).isEqualTo("[1.5,0.5,0.5]");
        assertThat(train.get("min").toString()).isEqualTo("[1.0,0.25,0.5]");
        assertThat(train.get("max").toString()).isEqualTo("[2.0,0.75,0.5]");
        assertThat(train.get("seeds").toString()).isEqualTo("[2,2,1]");
        JsonNode valid = curves.get(1);
        assertThat(valid.get("columns").toString()).isEqualTo("[\"valid_loss\",\"valid_mae\"]");
        assertThat(valid.get("epochs").toString()).as("epoch 3 had no validation").isEqualTo("[1,2]");
        assertThat(valid.get("mean").toString()).isEqualTo("[2.0,1.0]");
        assertThat(valid.get("max").toString()).isEqualTo("[2.5,1.25]");
    }

    @Test
    void textFromTheRunsIsEscapedAndTheDataCannotEndItsElement() throws Exception {
        Path group = group();

        String html = GroupReport.html(GroupContents.of(group), group, CHART_JS);

        assertThat(html).contains("<span id=\"assembly-description\">&lt;img src=x onerror=alert(1)&gt; &amp; "
                + "&lt;/script&gt;</span>").doesNotContain("<img");
        assertThat(DATA.matcher(html).find()).isTrue();
    }

    @Test
    void aFolderWithoutSeedsIsNotAGroup() throws Exception {
        Path empty = Files.createDirectories(runs.resolve("empty"));

        assertThat(GroupContents.isGroup(empty)).isFalse();
        assertThatThrownBy(() -> GroupContents.of(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(empty + " is not a seed group: it has no seed-<s> folder with a run.json");
    }

    @Test
    void theReportIsWrittenIntoTheGroupsFolderAndAgainByReports() throws Exception {
        Path group = group();

        List<Path> written = Reports.regenerate(group);

        assertThat(written).contains(group.resolve(GroupReport.FILE), group.resolve("seed-7").resolve("report.html"),
                group.resolve("seed-9").resolve("report.html"));
        assertThat(Files.readString(group.resolve(GroupReport.FILE))).startsWith("<!DOCTYPE html>")
                .contains("<title>Mosaic seed group: tiny</title>")
                .contains("href=\"seed-8/report.html\"");
    }

    /** Seeds 7 and 8 completed, seed 9 failed in its first epoch; no summary.json (a seed failed). */
    private Path group() throws Exception {
        Path group = Files.createDirectories(runs.resolve("tiny-seeds-1"));
        seed(group, 7, SEED_7, summary(1.0, 0.25, 2.0));
        seed(group, 8, SEED_8, summary(2.0, 0.75, 4.0));
        RunFolder failed = RunFolder.named(group, "seed-9");
        failed.writeStatus(status(9, RunStatus.FAILED, "out of memory <b>"));
        failed.writeText(RunFolder.RESOLVED, "name: tiny\ndescription: '" + HOSTILE + "'\n");
        return group;
    }

    private static void seed(Path group, long seed, String epochs, RunSummary summary) {
        RunFolder folder = RunFolder.named(group, "seed-" + seed);
        folder.writeStatus(status(seed, RunStatus.COMPLETED, null));
        folder.writeText(RunFolder.RESOLVED, "name: tiny\ndescription: '" + HOSTILE + "'\n");
        folder.writeText(RunFolder.EPOCHS, epochs);
        folder.writeJson(RunFolder.METRICS_JSON, summary);
        assertThat(EpochTable.of(folder).rows()).isNotEmpty();
    }

    private static RunStatus status(long seed, String state, String error) {
        return new RunStatus("tiny", state, "2025-03-04T12:05:09", "2025-03-04T12:06:00", "cpu()", Map.of(), seed,
                error, null);
    }

    private static RunSummary summary(double testMae, double validCorr, double targetMae) {
        return new RunSummary("tiny", "testbed tiny", "regression", 2, 2, "mae", Map.of("total", 10L),
                Map.of("mae", 1.0, "corr", validCorr), Map.of("mae", testMae, "corr", 0.5),
                Map.of("target-1", Map.of("mae", targetMae)), Map.of(), null, 3.0, 100, Map.of());
    }

    private static JsonNode data(String html) throws Exception {
        Matcher data = DATA.matcher(html);
        assertThat(data.find()).isTrue();
        return new ObjectMapper().readTree(data.group(1));
    }
}
