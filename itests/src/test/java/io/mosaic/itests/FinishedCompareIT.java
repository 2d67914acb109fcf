package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.Installation;
import io.mosaic.runtime.host.RuntimeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mosaic compare} of finished run folders and seed groups on the real runtime: it equals the comparison that
 * trained them, and refuses runs of other data or seeds, naming what differs. {@code mosaic runs} lists them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FinishedCompareIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TINY = {"--set", "data.preset=tiny", "--set", "train.epochs=2", "-q"};

    private RuntimeOptions options;
    /** {@code compare baseline baseline-rmfm --seeds 2}, trained. */
    private Path trained;
    /** {@code run baseline} and {@code run baseline-rmfm}, one seed each. */
    private Path baselineRun;
    private Path rmfmRun;

    @BeforeAll
    void train(@TempDir Path work) throws IOException {
        options = Installation.options(work, Duration.ofSeconds(10));
        trained = succeeded("compare", "baseline", "baseline-rmfm", "--seeds", "2");
        baselineRun = succeeded("run", "baseline");
        rmfmRun = succeeded("run", "baseline-rmfm");
    }

    /** Runs {@code command} with the tiny settings and returns the one folder it added under the runs folder. */
    private Path succeeded(String... command) throws IOException {
        List<Path> before = folders();
        Cli.Result result = Cli.run(options, Stream.concat(Stream.of(command), Stream.of(TINY))
                .toArray(String[]::new));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<Path> added = folders().stream().filter(folder -> !before.contains(folder)).toList();
        assertThat(added).hasSize(1);
        return added.get(0);
    }

    private List<Path> folders() throws IOException {
        if (!Files.isDirectory(options.runs())) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(options.runs())) {
            return folders.toList();
        }
    }

    private static JsonNode comparison(Path folder) throws IOException {
        return JSON.readTree(folder.resolve("comparison.json").toFile());
    }

    /**
     * The comparison without what a finished comparison cannot reproduce: where each group is and the peak memory
     * (measured around a trained group, read from the runs' files for finished ones).
     */
    private static JsonNode results(JsonNode comparison) {
        JsonNode copy = comparison.deepCopy();
        copy.get("assemblies").forEach(assembly -> ((ObjectNode) assembly).remove(List.of("group", "peakResident")));
        return copy;
    }

    @Test
    void theSeedGroupsOfATrainedComparisonComparedAgainGiveTheSameComparison() throws IOException {
        List<Path> before = folders();
        Cli.Result result = Cli.run(options, "compare", trained.resolve("baseline").toString(),
                trained.resolve("baseline-rmfm").toString(), "-q");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path again = folders().stream().filter(folder -> !before.contains(folder)).findFirst().orElseThrow();
        JsonNode original = comparison(trained);
        JsonNode finished = comparison(again);
        assertThat(results(finished)).as("metrics, paired tests, sweeps, curves and costs from the same files")
                .isEqualTo(results(original));
        assertThat(finished.get("assemblies").get(1).get("test").get("mae").get("values")).hasSize(2);
        assertThat(finished.get("assemblies").get(0).get("group").asText())
                .isEqualTo("../" + trained.getFileName() + "/baseline");
        assertThat(finished.get("assemblies").get(0).get("peakResident").get("scope").asText()).isEqualTo("process");
        assertThat(again.resolve("comparison.csv")).isRegularFile();
        assertThat(again.resolve("comparison.html")).isRegularFile();
        assertThat(result.out()).contains("comparison  " + again).contains("baseline-rmfm").contains("± ")
                .contains("AUILC of sweep rmfm").contains("report      " + again.resolve("comparison.html"));
    }

    @Test
    void twoFinishedRunsEqualTheFirstSeedOfTheComparisonThatTrainedTheSameAssemblies() throws IOException {
        List<Path> before = folders();
        Cli.Result result = Cli.run(options, "compare", baselineRun.toString(), rmfmRun.toString(), "-q");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode finished = comparison(folders().stream().filter(folder -> !before.contains(folder)).findFirst()
                .orElseThrow());
        JsonNode original = comparison(trained);
        assertThat(finished.get("seeds")).hasSize(1);
        assertThat(finished.get("seeds").get(0)).isEqualTo(original.get("seeds").get(0));
        assertThat(finished.get("dataSeed")).isEqualTo(original.get("dataSeed"));
        for (int a = 0; a < 2; a++) {
            JsonNode mine = finished.get("assemblies").get(a);
            JsonNode theirs = original.get("assemblies").get(a);
            assertThat(mine.get("assembly")).isEqualTo(theirs.get("assembly"));
            for (String split : List.of("valid", "test")) {
                theirs.get(split).fields().forEachRemaining(metric -> assertThat(
                        mine.get(split).get(metric.getKey()).get("values").get(0).asDouble())
                        .as(mine.get("assembly") + " " + split + " " + metric.getKey() + ": same seed, same data")
                        .isEqualTo(metric.getValue().get("values").get(0).asDouble()));
            }
        }
    }

    @Test
    void runsOfOtherDataOrSeedsAreRefusedNamingWhatDiffers() throws IOException {
        Path otherData = succeeded("run", "baseline", "--set", "data.seed=4242");
        List<Path> before = folders();

        Cli.Result data = Cli.run(options, "compare", baselineRun.toString(), otherData.toString(), "-q");
        Cli.Result seeds = Cli.run(options, "compare", baselineRun.toString(), trained.resolve("baseline-rmfm")
                .toString(), "-q");

        assertThat(data.exitCode()).as(data.toString()).isEqualTo(3);
        long dataSeed = comparison(trained).get("dataSeed").asLong();
        assertThat(data.err()).contains("must have trained with the same seeds on the same data: data.seed: "
                + dataSeed + " in " + baselineRun + ", 4242 in " + otherData);
        assertThat(seeds.exitCode()).as(seeds.toString()).isEqualTo(3);
        long seed = comparison(trained).get("seeds").get(0).asLong();
        assertThat(seeds.err()).contains("seeds: [" + seed + "] in " + baselineRun + ", [" + seed + ", "
                + (seed + 1) + "] in " + trained.resolve("baseline-rmfm"));
        assertThat(folders()).as("nothing written for a refused comparison").isEqualTo(before);
    }

    @Test
    void foldersAndAssembliesTogetherOrTrainingOptionsAreUsageErrors() {
        Cli.Result mixed = Cli.run(options, "compare", baselineRun.toString(), "baseline-rmfm");
        Cli.Result seeds = Cli.run(options, "compare", baselineRun.toString(), rmfmRun.toString(), "--seeds", "2");

        assertThat(mixed.exitCode()).isEqualTo(2);
        assertThat(mixed.err()).contains("not both: 'baseline-rmfm' is not a run folder");
        assertThat(seeds.exitCode()).isEqualTo(2);
        assertThat(seeds.err()).contains("--seeds cannot be used with finished run folders");
    }

    @Test
    void theRunsAndGroupsAreListedAndAComparisonOfFinishedRunsAddsNoRow() {
        assertThat(Cli.run(options, "compare", baselineRun.toString(), rmfmRun.toString(), "-q").exitCode()).isZero();

        Cli.Result result = Cli.run(options, "runs");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains(trained.getFileName() + "/baseline ")
                .contains(trained.getFileName() + "/baseline-rmfm ").contains(baselineRun.getFileName() + " ")
                .contains(rmfmRun.getFileName() + " ").doesNotContain("unreadable");
    }
}
