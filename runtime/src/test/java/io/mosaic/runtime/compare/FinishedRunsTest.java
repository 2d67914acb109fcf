package io.mosaic.runtime.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.runtime.history.RunFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finished run folders and seed groups read for a comparison without training, from files written by hand. */
class FinishedRunsTest {
    private static final String RESOLVED = """
            # Resolved from baseline
            name: baseline
            seed: %d
            data:
              source: testbed
              task: regression
              seed: %d
              metrics: mosi
              preset: %s
            """;

    @TempDir
    Path runs;

    private Path run(String name, long seed, long dataSeed, String preset) throws IOException {
        Path folder = RunFolders.completed(runs.resolve(name), "baseline", "2025-01-01T10:00:00", seed, 0.5, 0.9,
                0.4, 10);
        Files.writeString(folder.resolve("assembly.resolved.yaml"), RESOLVED.formatted(seed, dataSeed, preset));
        return folder;
    }

    @Test
    void aGroupIsItsSummarysSeedsInOrderWithTheDataTheyRecorded() throws IOException {
        Path group = runs.resolve("baseline-seeds");
        run("baseline-seeds/seed-8", 8, 3, "tiny");
        run("baseline-seeds/seed-7", 7, 3, "tiny");
        RunFolders.summary(group, "baseline", 7, 8);

        FinishedRuns finished = FinishedRuns.open(group);

        assertThat(finished.assembly()).isEqualTo("baseline");
        assertThat(finished.seeds()).containsExactly(7L, 8L);
        assertThat(finished.runs()).extracting(r -> r.path().getFileName().toString())
                .containsExactly("seed-7", "seed-8");
        assertThat(finished.dataSeed()).isEqualTo(3);
        assertThat(finished.data()).containsEntry("preset", "tiny").containsEntry("source", "testbed");
    }

    @Test
    void differentDataAndSeedsAreRefusedNamingEachSettingWithBothValues() throws IOException {
        FinishedRuns a = FinishedRuns.open(run("a", 1, 3, "tiny"));
        FinishedRuns b = FinishedRuns.open(run("b", 2, 4, "small"));

        assertThatThrownBy(() -> FinishedComparison.check(List.of(a, b)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("finished runs compared must have trained with the same seeds on the same data: "
                        + "data.seed: 3 in " + a.folder() + ", 4 in " + b.folder() + "; data.preset: tiny in "
                        + a.folder() + ", small in " + b.folder() + "; seeds: [1] in " + a.folder() + ", [2] in "
                        + b.folder());
    }

    @Test
    void aSettingOnlyOneRecordedIsNamedWithNone() {
        Map<String, Object> first = new LinkedHashMap<>(Map.of("source", "mmsa"));
        Map<String, Object> second = new LinkedHashMap<>(Map.of("source", "mmsa", "file", "mosi.pkl"));

        assertThat(FinishedRuns.differences(first, Path.of("A"), second, Path.of("B")))
                .containsExactly("data.file: none in A, mosi.pkl in B");
    }

    @Test
    void anUnfinishedRunOrADamagedFileIsRefusedNamingIt() throws IOException {
        Path failed = runs.resolve("failed");
        RunFolders.status(failed, "baseline", "failed", "2025-01-01T10:00:00", "2025-01-01T10:01:00", 1, null);
        Path gone = runs.resolve("gone");
        RunFolders.status(gone, "baseline", "running", "2025-01-01T10:00:00", null, 1, RunFolders.goneOwner());
        Path noRecord = RunFolders.completed(runs.resolve("no-record"), "baseline", "2025-01-01T10:00:00", 1, 0.5,
                0.9, 0.4, 10);
        Path damaged = run("damaged", 1, 3, "tiny");
        Files.writeString(damaged.resolve("assembly.resolved.yaml"), "# x\nname: [unclosed\n");

        assertThatThrownBy(() -> FinishedRuns.open(failed)).hasMessage("cannot compare " + failed
                + ": the run is failed, not completed; only finished runs are compared without training");
        assertThatThrownBy(() -> FinishedRuns.open(gone)).hasMessageContaining("the run is interrupted");
        assertThatThrownBy(() -> FinishedRuns.open(noRecord)).hasMessage("cannot compare " + noRecord + ": "
                + noRecord.resolve("assembly.resolved.yaml") + " is missing");
        assertThatThrownBy(() -> FinishedRuns.open(damaged)).hasMessageStartingWith("cannot compare " + damaged
                + ": " + damaged.resolve("assembly.resolved.yaml") + " is not a resolved assembly: ");
    }

    @Test
    void aGroupsSeedFolderIsNamedByItsSeedNeverByAPathTheFileGives() throws IOException {
        Path group = runs.resolve("group");
        RunFolders.write(group.resolve("summary.json"), Map.of("assembly", "baseline", "seeds", List.of(5),
                "runs", List.of("../../elsewhere")));

        assertThatThrownBy(() -> FinishedRuns.open(group)).hasMessage("cannot compare " + group + ": "
                + group.resolve("seed-5/run.json") + " is missing");
    }
}
