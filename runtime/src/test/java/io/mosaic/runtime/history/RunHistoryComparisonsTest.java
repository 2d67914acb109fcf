package io.mosaic.runtime.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link RunHistory#comparisons}: the comparisons under a runs folder, newest first, damaged ones named. */
class RunHistoryComparisonsTest {

    @TempDir
    Path runs;

    @Test
    void comparisonsAreListedNewestFirstWithTheirAssembliesAndSeedsAndADamagedOneIsNamed() throws IOException {
        Path older = RunFolders.write(runs.resolve("compare-20250101-100000/comparison.json"), Map.of("reference",
                "baseline", "seeds", List.of(1, 2), "assemblies", List.of(Map.of("assembly", "baseline"),
                        Map.of("assembly", "cider", "test", Map.of("mae", Map.of("mean", 0.5))))));
        Path newer = RunFolders.write(runs.resolve("compare-20250102-100000/comparison.json"), Map.of("seeds",
                List.of(7), "assemblies", List.of(Map.of("assembly", "maci"), Map.of("assembly", "mult"))));
        Path damaged = Files.createDirectories(runs.resolve("compare-20250103-100000")).resolve("comparison.json");
        Files.writeString(damaged, "{\"seeds\": [1], \"assemblies\": [{\"name\": \"secret-content\"}]}");
        RunFolders.completed(runs.resolve("baseline-20250104-100000"), "baseline", "2025-01-04T10:00:00", 1, 0.5,
                0.9, 0.4, 10);
        Files.createSymbolicLink(runs.resolve("compare-linked"), runs.resolve("compare-20250101-100000"));
        Files.setLastModifiedTime(older, FileTime.from(Instant.parse("2025-01-01T10:00:00Z")));
        Files.setLastModifiedTime(newer, FileTime.from(Instant.parse("2025-01-02T10:00:00Z")));
        Files.setLastModifiedTime(damaged, FileTime.from(Instant.parse("2025-01-03T10:00:00Z")));

        List<PastComparison> found = RunHistory.comparisons(runs);

        assertThat(found).extracting(PastComparison::name).containsExactly("compare-20250103-100000",
                "compare-20250102-100000", "compare-20250101-100000");
        assertThat(found.get(0).problem()).isEqualTo(damaged + " has no 'seeds', or no 'assemblies' each with its "
                + "'assembly'");
        assertThat(found.get(0).assemblies()).isEmpty();
        assertThat(found.get(1).assemblies()).containsExactly("maci", "mult");
        assertThat(found.get(1).seeds()).containsExactly(7L);
        assertThat(found.get(1).problem()).isNull();
        assertThat(found.get(2).assemblies()).containsExactly("baseline", "cider");
        assertThat(found.get(2).seeds()).containsExactly(1L, 2L);
        assertThat(found.get(2).finished()).isBefore(found.get(1).finished());
        assertThat(RunHistory.comparisons(runs.resolve("none"))).isEmpty();
    }
}
