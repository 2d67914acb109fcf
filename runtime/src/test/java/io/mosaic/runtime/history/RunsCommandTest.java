package io.mosaic.runtime.history;

import static io.mosaic.runtime.history.RunFolders.completed;
import static io.mosaic.runtime.history.RunFolders.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.runtime.cli.MosaicCli;
import io.mosaic.runtime.host.RuntimeOptions;
import io.mosaic.runtime.run.RunOwner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mosaic runs} on run folders written by hand, without the OSGi framework. */
class RunsCommandTest {

    @TempDir
    Path home;

    private Path runs;
    private String out;
    private String err;

    @BeforeEach
    void folders() {
        runs = home.resolve("runs");
        // A run: valid mae 0.5, test mae 0.9, corr 0.4, 61.5 s.
        completed(runs.resolve("baseline-20250101-100000"), "baseline", "2025-01-01T10:00:00", 1, 0.5, 0.9, 0.4,
                61.5);
        status(runs.resolve("maci-20250102-100000"), "maci", "failed", "2025-01-02T10:00:00",
                "2025-01-02T10:00:30", 1, null);
        // Says it runs, but its process is gone: the runtime judges it interrupted.
        status(runs.resolve("baseline-20250103-100000"), "baseline", "running", "2025-01-03T10:00:00", null, 1,
                RunFolders.goneOwner());
        status(runs.resolve("baseline-20250104-100000"), "baseline", "running", "2025-01-04T10:00:00", null, 1,
                RunOwner.current());
        // A seed group: test mae 0.7 and 0.9 (mean 0.8, population std 0.1), corr 0.5 and 0.6 (0.55, 0.05).
        Path group = runs.resolve("baseline-seeds-20250105-100000");
        completed(group.resolve("seed-1"), "baseline", "2025-01-05T10:00:00", 1, 0.6, 0.7, 0.5, 10);
        completed(group.resolve("seed-2"), "baseline", "2025-01-05T11:00:00", 2, 0.8, 0.9, 0.6, 20);
        RunFolders.summary(group, "baseline", 1, 2);
        // A comparison: one group completed, one stopped after its first seed (no summary.json).
        Path comparison = runs.resolve("compare-20250106-100000");
        completed(comparison.resolve("baseline/seed-1"), "baseline", "2025-01-06T10:00:00", 1, 0.3, 0.6, 0.7, 5);
        RunFolders.summary(comparison.resolve("baseline"), "baseline", 1);
        completed(comparison.resolve("baseline-rmfm/seed-1"), "baseline-rmfm", "2025-01-06T11:00:00", 1, 0.3, 0.6,
                0.7, 5);
        RunFolders.write(comparison.resolve("baseline-rmfm/seed-2/run.json"), java.util.Map.of("assembly",
                "baseline-rmfm", "state", "interrupted", "started", "2025-01-06T12:00:00", "seed", 2));
    }

    /** A comparison of finished runs: its files alone, no seed group, so nothing to list. */
    private void finishedComparison() {
        RunFolders.write(runs.resolve("compare-20250107-100000/comparison.json"), java.util.Map.of("reference",
                "baseline"));
    }

    private int mosaic(String... args) {
        StringWriter outText = new StringWriter();
        StringWriter errText = new StringWriter();
        RuntimeOptions options = new RuntimeOptions(home, home.resolve("plugins"), runs, Duration.ZERO);
        int code = MosaicCli.execute(options, new PrintWriter(outText, true), new PrintWriter(errText, true), args);
        out = outText.toString();
        err = errText.toString();
        return code;
    }

    @Test
    void everyRunAndSeedGroupIsListedNewestFirstWithItsState() {
        finishedComparison();

        int code = mosaic("runs");

        assertThat(code).as(err).isZero();
        assertThat(out.lines().toList()).as("hand-checked: a group's mean and population std over its seeds")
                .containsExactly(
                "NAME                                   ASSEMBLY       STATE        DATE              SELECTED (VALID)"
                        + "     TEST                 DURATION",
                "compare-20250106-100000/baseline-rmfm  baseline-rmfm  interrupted  2025-01-06 11:00  -"
                        + "                    -                    -",
                "compare-20250106-100000/baseline       baseline       completed    2025-01-06 10:00  mae 0.3000 ± 0.0000"
                        + "  mae 0.6000 ± 0.0000  5.0s",
                "baseline-seeds-20250105-100000         baseline       completed    2025-01-05 10:00  mae 0.7000 ± 0.1000"
                        + "  mae 0.8000 ± 0.1000  30.0s",
                "baseline-20250104-100000               baseline       running      2025-01-04 10:00  -"
                        + "                    -                    -",
                "baseline-20250103-100000               baseline       interrupted  2025-01-03 10:00  -"
                        + "                    -                    -",
                "maci-20250102-100000                   maci           failed       2025-01-02 10:00  -"
                        + "                    -                    30.0s",
                "baseline-20250101-100000               baseline       completed    2025-01-01 10:00  mae 0.5000"
                        + "           mae 0.9000           1m 02s");
    }

    @Test
    void theListingIsFilteredByAssemblyAndState() {
        assertThat(mosaic("runs", "--assembly", "baseline", "--state", "interrupted")).as(err).isZero();
        assertThat(names()).containsExactly("baseline-20250103-100000");

        assertThat(mosaic("runs", "--state", "completed")).as(err).isZero();
        assertThat(names()).containsExactly("compare-20250106-100000/baseline", "baseline-seeds-20250105-100000",
                "baseline-20250101-100000");

        assertThat(mosaic("runs", "--assembly", "maci")).as(err).isZero();
        assertThat(names()).containsExactly("maci-20250102-100000");

        assertThat(mosaic("runs", "--assembly", "nothing-like-it")).isZero();
        assertThat(out).isEqualTo("no runs match under " + runs + "\n");
    }

    @Test
    void aCancelledRunAndAGroupWithACancelledSeedAreListedCancelled() {
        status(runs.resolve("maci-20250108-100000"), "maci", "cancelled", "2025-01-08T10:00:00",
                "2025-01-08T10:00:09", 1, null);
        Path group = runs.resolve("maci-seeds-20250109-100000");
        completed(group.resolve("seed-1"), "maci", "2025-01-09T10:00:00", 1, 0.6, 0.7, 0.5, 10);
        status(group.resolve("seed-2"), "maci", "cancelled", "2025-01-09T11:00:00", "2025-01-09T11:00:09", 2, null);

        assertThat(mosaic("runs", "--state", "cancelled")).as(err).isZero();

        assertThat(names()).containsExactly("maci-seeds-20250109-100000", "maci-20250108-100000");
        assertThat(RunHistory.list(runs)).filteredOn(run -> run.assembly() != null && run.assembly().equals("maci"))
                .extracting(PastRun::state).containsExactly("cancelled", "cancelled", "failed");
    }

    @Test
    void anUnknownStateIsAUsageError() {
        assertThat(mosaic("runs", "--state", "done")).isEqualTo(2);
        assertThat(err).contains("--state must be one of completed, failed, interrupted, cancelled, running, "
                + "unreadable, found 'done'");
    }

    @Test
    void theCsvHasARowPerCompletedRunOrGroupWithEveryTestMetricAndAGroupsMeanAndStd() throws IOException {
        Path csv = home.resolve("results/mosi.csv");

        assertThat(mosaic("runs", "--csv", csv.toString())).as(err).isZero();

        assertThat(Files.readAllLines(csv)).as("hand-checked: mae 0.7, 0.9 -> 0.8 ± 0.1; corr 0.5, 0.6 -> 0.55 ± 0.05")
                .containsExactly(
                "name,assembly,seeds,selection,mae,mae_std,corr,corr_std",
                "compare-20250106-100000/baseline,baseline,1,mae,0.600000,0.000000,0.700000,0.000000",
                "baseline-seeds-20250105-100000,baseline,2,mae,0.800000,0.100000,0.550000,0.050000",
                "baseline-20250101-100000,baseline,1,mae,0.900000,,0.400000,");
        assertThat(out).contains("results     " + csv);
        try (var files = Files.list(csv.getParent())) {
            assertThat(files).as("written atomically: no temporary file is left").containsExactly(csv);
        }
    }

    @Test
    void theCsvFollowsTheFilters() throws IOException {
        Path csv = home.resolve("seeds.csv");

        assertThat(mosaic("runs", "--state", "completed", "--assembly", "baseline", "--csv", csv.toString()))
                .as(err).isZero();
        assertThat(mosaic("runs", "--state", "failed", "--csv", home.resolve("failed.csv").toString())).isZero();

        assertThat(Files.readAllLines(csv)).hasSize(4);
        assertThat(Files.readAllLines(home.resolve("failed.csv"))).as("a failed run has no results")
                .containsExactly("name,assembly,seeds,selection");
    }

    @Test
    void hostileFoldersAreListedAsUnreadableNamingTheFileAndTheListingGoesOn() throws IOException {
        Path corrupt = runs.resolve("corrupt-20250107-100000");
        Files.createDirectories(corrupt);
        Files.writeString(corrupt.resolve("run.json"), "{\"assembly\": \"secret-content\", \"state\": ");
        Path huge = completed(runs.resolve("huge-20250108-100000"), "baseline", "2025-01-08T10:00:00", 1, 0.1, 0.1,
                0.1, 1);
        try (RandomAccessFile file = new RandomAccessFile(huge.resolve("metrics.json").toFile(), "rw")) {
            file.setLength(FolderFiles.RESULTS + 1);
        }
        Path wrongKind = runs.resolve("wrong-20250109-100000");
        Files.createDirectories(wrongKind);
        Files.writeString(wrongKind.resolve("run.json"), "{\"assembly\": \"baseline\",\n\"seed\": \"not a number\"}");
        Path outside = completed(home.resolve("elsewhere/planted-20250110-100000"), "planted",
                "2025-01-10T10:00:00", 1, 0.1, 0.1, 0.1, 1);
        Files.createSymbolicLink(runs.resolve("linked-20250110-100000"), outside);
        Path linkedStatus = runs.resolve("linked-status-20250111-100000");
        Files.createDirectories(linkedStatus);
        Files.createSymbolicLink(linkedStatus.resolve("run.json"), outside.resolve("run.json"));
        Path groupWithBadSeed = runs.resolve("broken-seeds-20250112-100000");
        completed(groupWithBadSeed.resolve("seed-1"), "baseline", "2025-01-12T10:00:00", 1, 0.1, 0.1, 0.1, 1);
        status(groupWithBadSeed.resolve("seed-2"), "baseline", "completed", "2025-01-12T11:00:00",
                "2025-01-12T11:05:00", 2, null);
        Files.writeString(groupWithBadSeed.resolve("seed-2/metrics.json"), "[1, 2");
        Files.createDirectories(runs.resolve("empty-20250113-100000"));
        Path csv = home.resolve("all.csv");

        assertThat(mosaic("runs", "--csv", csv.toString())).as(err).isZero();

        assertThat(out).contains("baseline-20250101-100000").contains("baseline-seeds-20250105-100000")
                .doesNotContain("secret-content").doesNotContain("planted ");
        assertThat(out.lines().filter(line -> line.startsWith("unreadable ")).toList()).as("the folders "
                + "without a date are sorted by when they changed").containsExactlyInAnyOrder(
                "unreadable empty-20250113-100000: " + runs.resolve("empty-20250113-100000/run.json") + " is missing",
                "unreadable broken-seeds-20250112-100000: " + groupWithBadSeed.resolve("seed-2/metrics.json")
                        + " does not hold the expected JSON object (line 1, column 1)",
                "unreadable linked-status-20250111-100000: " + linkedStatus.resolve("run.json")
                        + " is a symbolic link, which is not followed",
                "unreadable linked-20250110-100000: " + runs.resolve("linked-20250110-100000")
                        + " is a symbolic link, which is not followed",
                "unreadable wrong-20250109-100000: " + wrongKind.resolve("run.json")
                        + " holds the wrong kind of value at 'seed' (line 2, column 9)",
                "unreadable huge-20250108-100000: " + huge.resolve("metrics.json") + " holds 16777217 bytes, more "
                        + "than the 16777216 such a file may hold",
                "unreadable corrupt-20250107-100000: " + corrupt.resolve("run.json")
                        + " is not valid JSON (line 1, column 41)");
        assertThat(mosaic("runs", "--state", "unreadable")).isZero();
        assertThat(names()).hasSize(7);
        assertThat(Files.readAllLines(csv)).hasSize(4);
    }

    /** The first column of the table's rows. */
    private List<String> names() {
        return out.lines().skip(1).takeWhile(line -> !line.startsWith("unreadable "))
                .map(line -> line.split(" ")[0]).toList();
    }
}
