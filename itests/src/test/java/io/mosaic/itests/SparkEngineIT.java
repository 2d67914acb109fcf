package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mosaic.itests.fixture.faulty.ExplodingFactory;
import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.Host;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.PluginJar;
import io.mosaic.itests.support.Poll;
import io.mosaic.itests.support.RunFiles;
import io.mosaic.runtime.host.RuntimeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/**
 * The spark engine in Spark's local mode ({@code local[2]}: two runs at once, each in a worker process) in the real
 * runtime: the same numbers as the local engine (a comparison, a search), a run that throws fails its own assembly
 * alone, a killed worker's task is tried again and its run resumes; and no bundle sees Spark's classes.
 */
class SparkEngineIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One engine thread on both engines: libtorch's sums may differ in the last bits with another count. */
    private static final List<String> TINY = List.of("--set", "data.preset=tiny", "--set", "train.epochs=2",
            "--set", "backend.threads=1");
    private static final List<String> SPARK = List.of("--engine", "spark", "--master", "local[2]");

    @TempDir
    Path work;

    @Test
    void aComparisonOnSparkGivesTheLocalEnginesNumbers() throws Exception {
        Path local = compare(Files.createDirectory(work.resolve("local")), List.of());
        Path spark = compare(Files.createDirectory(work.resolve("spark")), SPARK);

        JsonNode expected = JSON.readTree(local.resolve("comparison.json").toFile());
        JsonNode actual = JSON.readTree(spark.resolve("comparison.json").toFile());
        assertThat(actual.get("seeds")).isEqualTo(expected.get("seeds"));
        assertThat(actual.get("assemblies")).hasSize(2);
        for (int a = 0; a < 2; a++) {
            JsonNode want = expected.get("assemblies").get(a);
            JsonNode got = actual.get("assemblies").get(a);
            assertThat(got.get("assembly")).isEqualTo(want.get("assembly"));
            for (String split : List.of("valid", "test", "paired")) {
                assertThat(got.get(split)).as(want.get("assembly") + " " + split).isEqualTo(want.get(split));
            }
            for (JsonNode seed : expected.get("seeds")) {
                String run = want.get("group").asText() + "/seed-" + seed.asLong();
                assertThat(RunFiles.epochs(spark.resolve(run)).withoutTiming()).as(run)
                        .isEqualTo(RunFiles.epochs(local.resolve(run)).withoutTiming());
                for (String split : List.of("valid", "test")) {
                    assertThat(RunFiles.metrics(spark.resolve(run)).get(split)).as(run + " " + split)
                            .isEqualTo(RunFiles.metrics(local.resolve(run)).get(split));
                }
            }
        }
        assertThat(expected.get("assemblies").get(0).get("test").get("mae").get("values").get(0))
                .as("the seeds' runs differ: the comparison is not of one number")
                .isNotEqualTo(expected.get("assemblies").get(0).get("test").get("mae").get("values").get(1));
    }

    @Test
    void aRunThatThrowsFailsOnlyItsOwnAssembly() throws Exception {
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(10));
        PluginJar.deploy(PluginJar.of("io.mosaic.itests.faulty", "1.0.0", "io.mosaic.itests.fixture.faulty")
                .writeTo(work.resolve("faulty.jar")), options.plugins());
        Path exploding = Files.writeString(work.resolve("baseline-exploding.yaml"), """
                extends: baseline
                name: baseline-exploding
                components:
                  text:
                    - { use: pointwise-projection, dim: 32 }
                    - { use: exploding }
                    - { use: gru, hidden: 32 }
                    - { use: masked-mean-pool }
                """);

        Cli.Result result = Cli.run(options, arguments(List.of("compare", "baseline", exploding.toString(),
                "--seeds", "2", "-q"), TINY, SPARK));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).contains("error: baseline-exploding failed and is left out of the comparison: "
                + "baseline-exploding seed 1111: ").contains(ExplodingFactory.FAILURE);
        Path folder = RunFiles.onlyRun(options.runs());
        JsonNode comparison = JSON.readTree(folder.resolve("comparison.json").toFile());
        assertThat(comparison.get("assemblies")).hasSize(1);
        JsonNode baseline = comparison.get("assemblies").get(0);
        assertThat(baseline.get("assembly").asText()).isEqualTo("baseline");
        assertThat(baseline.get("test").get("mae").get("values")).as("both seeds of the baseline completed")
                .hasSize(2);
        JsonNode failed = comparison.get("failed");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("assembly").asText()).isEqualTo("baseline-exploding");
        assertThat(failed.get(0).get("group").asText()).isEqualTo("baseline-exploding");
        for (long seed : List.of(1111L, 1112L)) {
            assertThat(failed.get(0).get("error").asText()).contains("baseline-exploding seed " + seed + ": ");
            Path run = folder.resolve("baseline-exploding/seed-" + seed);
            assertThat(RunFiles.status(run).get("state").asText()).isEqualTo("failed");
            assertThat(RunFiles.status(run).get("error").asText()).contains(ExplodingFactory.FAILURE);
            assertThat(RunFiles.status(folder.resolve("baseline/seed-" + seed)).get("state").asText())
                    .isEqualTo("completed");
        }
        assertThat(failed.get(0).get("error").asText()).as("a run's own failure is not tried again")
                .doesNotContain("attempt");
        assertThat(Files.readString(folder.resolve("comparison.html")))
                .contains("<li data-failed=\"baseline-exploding\">").contains(ExplodingFactory.FAILURE);
        assertThat(folder.resolve("baseline/summary.json")).isRegularFile();
        assertThat(folder.resolve("baseline-exploding/summary.json")).doesNotExist();
    }

    @Test
    void aKilledWorkersTaskIsTriedAgainAndItsRunResumesToTheUninterruptedNumbers() throws Exception {
        List<String> fourEpochs = List.of("--set", "data.preset=tiny", "--set", "train.epochs=4", "--set",
                "train.patience=0", "--set", "backend.threads=1");
        RuntimeOptions referenceOptions = Installation.options(Files.createDirectory(work.resolve("reference")),
                Duration.ofSeconds(10));
        Cli.Result reference = Cli.run(referenceOptions, arguments(List.of("run", "baseline", "-q"), fourEpochs));
        assertThat(reference.exitCode()).as(reference.toString()).isZero();
        Path uninterrupted = RunFiles.onlyRun(referenceOptions.runs());

        RuntimeOptions options = Installation.options(Files.createDirectory(work.resolve("killed")),
                Duration.ofSeconds(10));
        CompletableFuture<Cli.Result> seeds = CompletableFuture.supplyAsync(() -> Cli.run(options,
                arguments(List.of("run", "baseline", "--seeds", "2", "-q"), fourEpochs, SPARK)));
        Path group = Poll.untilValue("the seed group", () -> onlyFolder(options.runs()), Duration.ofMinutes(2));
        Path run = group.resolve("seed-1111");
        long pid = Poll.untilValue("seed 1111 in a worker, an epoch done", () -> runningAfterAnEpoch(run),
                Duration.ofMinutes(3));
        String started = RunFiles.status(run).get("started").asText();
        List<Double> secondsBefore = RunFiles.epochs(run).numbers("seconds");
        assertThat(ProcessHandle.of(pid).orElseThrow().destroyForcibly()).isTrue();

        Cli.Result result = seeds.get();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode status = RunFiles.status(run);
        assertThat(status.get("state").asText()).isEqualTo("completed");
        assertThat(status.get("started").asText()).as("the same run, resumed").isEqualTo(started);
        assertThat(status.get("owner").get("pid").asLong()).as("by another worker").isNotEqualTo(pid);
        assertThat(RunFiles.epochs(run).numbers("seconds").subList(0, secondsBefore.size()))
                .as("the epochs before the kill are kept, not trained again").isEqualTo(secondsBefore);
        assertThat(RunFiles.epochs(run).withoutTiming()).isEqualTo(RunFiles.epochs(uninterrupted).withoutTiming());
        for (String split : List.of("valid", "test")) {
            assertThat(RunFiles.metrics(run).get(split)).as(split)
                    .isEqualTo(RunFiles.metrics(uninterrupted).get(split));
        }
        assertThat(group.resolve("summary.json")).isRegularFile();
    }

    @Test
    void aSearchOnSparkProposesTrainsAndSelectsTheLocalEnginesTrials() throws Exception {
        Path space = Files.writeString(work.resolve("space.yaml"), """
                train.optimizer.lr: { log-uniform: [1.0e-3, 1.0e-2] }
                components.head.dropout: { uniform: [0.0, 0.3] }
                """);
        List<String> search = List.of("tune", "baseline", "--space", space.toString(), "--trials", "4", "--batch", "2",
                "--sampler", "random", "-q");
        Path local = tune(Files.createDirectory(work.resolve("tune-local")), arguments(search, TINY));
        Path spark = tune(Files.createDirectory(work.resolve("tune-spark")), arguments(search, TINY, SPARK));

        JsonNode expected = JSON.readTree(local.resolve("trials.json").toFile());
        JsonNode actual = JSON.readTree(spark.resolve("trials.json").toFile());
        assertThat(actual.get("trials")).hasSize(4).isEqualTo(expected.get("trials"));
        assertThat(actual.get("bestTrial")).isEqualTo(expected.get("bestTrial"));
        assertThat(JSON.readTree(spark.resolve("best.json").toFile()))
                .isEqualTo(JSON.readTree(local.resolve("best.json").toFile()));
        assertThat(expected.get("trials").get(0).get("valid"))
                .as("the trials differ: the search is not of one number")
                .isNotEqualTo(expected.get("trials").get(1).get("valid"));
    }

    @Test
    void noBundleSeesSparksClasses() {
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(10));
        try (Host host = Host.boot(options)) {
            Bundle models = Arrays.stream(host.runtime().host().context().getBundles())
                    .filter(b -> "io.mosaic.models".equals(b.getSymbolicName())).findFirst().orElseThrow();
            assertThat(models.getBundleContext()).isNotNull();
            assertThatThrownBy(() -> models.loadClass("org.apache.spark.SparkConf"))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> models.loadClass("scala.collection.immutable.List"))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThat(SparkEngineIT.class.getClassLoader().loadClass("org.apache.spark.SparkConf"))
                    .as("while the host has it").isNotNull();
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static Optional<Long> runningAfterAnEpoch(Path run) {
        if (!Files.isRegularFile(run.resolve("run.json")) || !Files.isRegularFile(run.resolve("epochs.csv"))) {
            return Optional.empty();
        }
        JsonNode status = RunFiles.status(run);
        if (!status.get("state").asText().equals("running") || RunFiles.epochs(run).rows().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(status.get("owner").get("pid").asLong());
    }

    private static Optional<Path> onlyFolder(Path runs) {
        if (!Files.isDirectory(runs)) {
            return Optional.empty();
        }
        try (Stream<Path> folders = Files.list(runs)) {
            return folders.filter(Files::isDirectory).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A search with {@code arguments} in {@code folder}'s installation; its folder. */
    private static Path tune(Path folder, String... arguments) {
        RuntimeOptions options = Installation.options(folder, Duration.ofSeconds(10));
        Cli.Result result = Cli.run(options, arguments);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return RunFiles.onlyRun(options.runs());
    }

    /** {@code compare baseline baseline-rmfm} over two seeds on tiny in {@code folder}, on the engine given. */
    private static Path compare(Path folder, List<String> engine) {
        RuntimeOptions options = Installation.options(folder, Duration.ofSeconds(10));
        Cli.Result result = Cli.run(options, arguments(List.of("compare", "baseline", "baseline-rmfm", "--seeds", "2",
                "-q"), TINY, engine));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return RunFiles.onlyRun(options.runs());
    }

    @SafeVarargs
    private static String[] arguments(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all.toArray(String[]::new);
    }
}
