package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.RunFiles;
import io.mosaic.itests.support.TestbedExports;
import io.mosaic.runtime.host.RuntimeOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mosaic tune} on the real runtime, on tiny data. The test split is that of two held-out files (domains 1 and
 * 2 of three testbed exports) that hold bytes that are no npz while the trials train: a trial that read the test split
 * would fail. The search ends reading them for its best trial's evaluation, which fails; put in place, the resumed
 * search keeps every trial and evaluates the best one, once.
 */
class TuneIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TRIALS = 4;

    @TempDir
    static Path work;

    private static Path assembly;
    private static Path space;
    private static Path target1;
    private static Path target2;

    @BeforeAll
    static void threeExportsTwoOfThemNotYetReadable() throws IOException {
        RuntimeOptions options = Installation.options(Files.createDirectory(work.resolve("export")),
                Duration.ofSeconds(10));
        List<String> files = new ArrayList<>();
        for (int domain = 0; domain < 3; domain++) {
            TestbedExports.tinyDomain(options, domain,
                    work.resolve((domain == 0 ? "domain-" : "ready-") + domain + ".npz"));
            files.add(work.resolve("domain-" + domain + ".npz").toString());
        }
        target1 = Files.writeString(work.resolve("domain-1.npz"), "not yet an npz");
        target2 = Files.writeString(work.resolve("domain-2.npz"), "not yet an npz");
        assembly = Files.writeString(work.resolve("dg.yaml"), """
                name: dg
                pipeline: baseline
                data: { source: npz, files: [%s], train-domains: [0], test-domains: [1, 2], task: classes-3,
                        labels: file }
                components:
                  text: [ { use: gru, hidden: 8 }, masked-mean-pool ]
                  audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
                  fusion: concat
                  head: { use: mlp, hidden: [8], dropout: 0.1 }
                objectives:
                  - cross-entropy
                train: { epochs: 2, patience: 0, batch: 16, select: { metric: accuracy } }
                """.formatted(String.join(", ", files)));
        space = Files.writeString(work.resolve("space.yaml"), """
                train.optimizer.lr: { log-uniform: [1.0e-3, 3.0e-2] }
                components.head.dropout: { uniform: [0.0, 0.4] }
                components.text.0.hidden: { choice: [4, 8] }
                """);
    }

    private static RuntimeOptions options(String name) throws IOException {
        return Installation.options(Files.createDirectory(work.resolve(name)), Duration.ofSeconds(10));
    }

    private static JsonNode json(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    @Test
    void trialsRankOnValidationAloneAndTheBestIsTestedOnceAfterTheSearch() throws IOException {
        RuntimeOptions options = options("tune");

        Cli.Result searched = Cli.run(options, "tune", assembly.toString(), "--space", space.toString(),
                "--trials", Integer.toString(TRIALS), "--sampler", "random", "--seed", "5", "-q");

        // Every trial trained and validated without the held-out files; the best one's evaluation reads them.
        assertThat(searched.exitCode()).as(searched.toString()).isNotZero();
        assertThat(searched.err()).contains(target1.toString());
        Path folder = RunFiles.onlyRun(options.runs());
        assertThat(folder.getFileName().toString()).startsWith("tune-");
        JsonNode trials = json(folder.resolve("trials.json"));
        assertThat(trials.get("trials")).hasSize(TRIALS);
        List<Double> valid = new ArrayList<>();
        for (JsonNode trial : trials.get("trials")) {
            assertThat(trial.get("state").asText()).isEqualTo("completed");
            assertThat(trial.get("values").size()).isEqualTo(3);
            assertThat(trial.get("values").get("components.text.0.hidden").asInt()).isIn(4, 8);
            assertThat(trial.get("values").get("train.optimizer.lr").asDouble()).isBetween(1e-3, 3e-2);
            Path run = folder.resolve(trial.get("folder").asText());
            assertThat(RunFiles.metrics(run).get("test").size()).as("no trial evaluates the test split").isZero();
            assertThat(RunFiles.resolvedAssembly(run).toString()).contains("test=deferred");
            valid.add(RunFiles.metrics(run).get("valid").get("accuracy").asDouble());
            assertThat(trial.get("valid").asDouble()).isEqualTo(valid.get(valid.size() - 1));
        }
        assertThat(Files.exists(folder.resolve("best.json"))).isFalse();
        List<String> before = new ArrayList<>();
        for (int t = 1; t <= TRIALS; t++) {
            before.add(Files.readString(folder.resolve("trial-00" + t).resolve("epochs.csv")));
        }

        Files.move(work.resolve("ready-1.npz"), target1, StandardCopyOption.REPLACE_EXISTING);
        Files.move(work.resolve("ready-2.npz"), target2, StandardCopyOption.REPLACE_EXISTING);
        Cli.Result resumed = Cli.run(options, "tune", "--resume", folder.toString());

        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.err()).contains("completed before, kept");
        for (int t = 1; t <= TRIALS; t++) {
            assertThat(Files.readString(folder.resolve("trial-00" + t).resolve("epochs.csv")))
                    .as("trial %d was kept, not trained again", t).isEqualTo(before.get(t - 1));
        }
        // The best trial is the one with the highest validation accuracy (the earliest of equals).
        int best = 1;
        for (int t = 2; t <= TRIALS; t++) {
            if (valid.get(t - 1) > valid.get(best - 1)) {
                best = t;
            }
        }
        JsonNode bestJson = json(folder.resolve("best.json"));
        assertThat(bestJson.get("trial").asInt()).isEqualTo(best);
        assertThat(bestJson.get("valid").get("accuracy").asDouble()).isEqualTo(valid.get(best - 1));
        assertThat(bestJson.get("testNote").asText()).contains("evaluated once, after selection");
        JsonNode bestRun = RunFiles.metrics(folder.resolve("trial-00" + best));
        assertThat(bestJson.get("test")).isEqualTo(bestRun.get("test"));
        double t1 = bestJson.get("domainTests").get("target-1").get("accuracy").asDouble();
        double t2 = bestJson.get("domainTests").get("target-2").get("accuracy").asDouble();
        assertThat(bestJson.get("test").get("accuracy").asDouble()).as("test is both targets' 24 samples each")
                .isCloseTo((t1 + t2) / 2, within(1e-9));
        for (int t = 1; t <= TRIALS; t++) {
            long testRows;
            try (Stream<String> lines = Files.lines(folder.resolve("trial-00" + t).resolve("predictions.csv"))) {
                testRows = lines.filter(line -> line.contains(",test,")).count();
            }
            assertThat(testRows).as("trial %d's test predictions", t).isEqualTo(t == best ? 48 : 0);
            if (t != best) {
                assertThat(RunFiles.metrics(folder.resolve("trial-00" + t)).get("test").size()).isZero();
            }
        }
        assertThat(Files.readString(folder.resolve("trials.csv")).lines().findFirst().orElseThrow()).isEqualTo(
                "trial,train.optimizer.lr,components.head.dropout,components.text.0.hidden,valid_accuracy,epochs,"
                        + "stopped_early,state");
        String report = Files.readString(folder.resolve("report.html"));
        assertThat(report).contains("evaluated once, after selection").contains("id=\"tune-data\"")
                .contains("data-trial=\"" + TRIALS + "\"").doesNotContain("{{");
        assertThat(resumed.out()).contains(best + " *").contains("TEST (evaluated once, after selection");

        Cli.Result again = Cli.run(options, "tune", "--resume", folder.toString(), "-q");
        assertThat(again.exitCode()).as("a finished search resumed is read, not tested again").isZero();
        assertThat(json(folder.resolve("best.json")).get("test")).isEqualTo(bestJson.get("test"));
    }

    @Test
    void theMedianRulesInputsTravelInTheTrialsAssembly() throws IOException {
        RuntimeOptions options = options("median");

        Cli.Result result = Cli.run(options, "tune", "baseline", "--space", space.toString(), "--trials", "6",
                "--sampler", "random", "--early-stop", "median", "-q", "--set", "data.preset=tiny",
                "--set", "train.epochs=2", "--set", "components.text=[{use: gru, hidden: 8}, masked-mean-pool]",
                "--set", "components.head.hidden=[8]");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path folder = RunFiles.onlyRun(options.runs());
        List<Double> bests = new ArrayList<>();
        for (int t = 1; t <= 5; t++) {
            Map<String, Object> resolved = RunFiles.resolvedAssembly(folder.resolve("trial-00" + t));
            assertThat(resolved.toString()).as("the first five trials have no completed trials to compare with")
                    .doesNotContain("median-curve");
            bests.add(RunFiles.epochs(folder.resolve("trial-00" + t)).numbers("valid_mae").stream()
                    .mapToDouble(Double::doubleValue).min().orElseThrow());
        }
        List<Double> epochOne = new ArrayList<>();
        for (int t = 1; t <= 5; t++) {
            epochOne.add(RunFiles.epochs(folder.resolve("trial-00" + t)).numbers("valid_mae").get(0));
        }
        epochOne.sort(Double::compare);
        bests.sort(Double::compare);
        @SuppressWarnings("unchecked")
        Map<String, Object> select = (Map<String, Object>) ((Map<String, Object>) RunFiles.resolvedAssembly(
                folder.resolve("trial-006")).get("train")).get("select");
        // The median of five trials' epoch-1 values, then of their best of epochs 1 and 2 (MAE: lower is better).
        assertThat(select.get("median-curve")).isEqualTo(List.of(epochOne.get(2), bests.get(2)));
        assertThat(select.get("median-from")).isEqualTo(2);
    }

    @Test
    void invalidSpacesAreRefusedAtTheirFileAndLineBeforeAnyTrial() throws IOException {
        RuntimeOptions options = options("invalid");
        Path unknownKey = Files.writeString(work.resolve("unknown-key.yaml"), """
                train.optimizer.lr: { log-uniform: [1.0e-3, 3.0e-2] }
                components.head.nosuch: { uniform: [0, 1] }
                """);
        Path refusedValue = Files.writeString(work.resolve("refused-value.yaml"), """
                train.batch: { int-uniform: [0, 8] }
                """);
        Path badRange = Files.writeString(work.resolve("bad-range.yaml"), """
                train.optimizer.lr: { log-uniform: [0, 1.0e-2] }
                """);

        Cli.Result unknown = Cli.run(options, "tune", assembly.toString(), "--space", unknownKey.toString(),
                "--trials", "3");
        Cli.Result value = Cli.run(options, "tune", assembly.toString(), "--space", refusedValue.toString(),
                "--trials", "3");
        Cli.Result range = Cli.run(options, "tune", assembly.toString(), "--space", badRange.toString(),
                "--trials", "3");

        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(3);
        assertThat(unknown.err()).contains(unknownKey + ":2: 'components.head.nosuch': the assembly refuses 0: ")
                .contains("nosuch");
        assertThat(value.exitCode()).as(value.toString()).isEqualTo(3);
        assertThat(value.err()).contains(refusedValue + ":1: 'train.batch': the assembly refuses 0: ").contains(
                "batch");
        assertThat(range.exitCode()).isEqualTo(3);
        assertThat(range.err()).contains(badRange + ":1: 'train.optimizer.lr': log-uniform needs 0 < low");
        assertThat(Files.exists(options.runs()) ? Files.list(options.runs()).count() : 0).as("nothing trained")
                .isZero();
    }

    @Test
    void theCommandLineIsCheckedWithUsageErrors() throws IOException {
        RuntimeOptions options = options("usage");
        Files.createDirectories(options.runs());
        Path notASearch = Files.createDirectory(work.resolve("not-a-search"));

        Cli.Result noSpace = Cli.run(options, "tune", assembly.toString(), "--trials", "3");
        Cli.Result noTrials = Cli.run(options, "tune", assembly.toString(), "--space", space.toString(),
                "--trials", "0");
        Cli.Result sampler = Cli.run(options, "tune", assembly.toString(), "--space", space.toString(),
                "--trials", "3", "--sampler", "grid");
        Cli.Result resumeWithTrials = Cli.run(options, "tune", "--resume", notASearch.toString(), "--trials", "3");
        Cli.Result resumeNothing = Cli.run(options, "tune", "--resume", notASearch.toString());

        assertThat(noSpace.exitCode()).isEqualTo(2);
        assertThat(noSpace.err()).contains("give ASSEMBLY, --space and --trials, or --resume FOLDER");
        assertThat(noTrials.exitCode()).isEqualTo(2);
        assertThat(noTrials.err()).contains("a search needs --trials >= 1, found 0");
        assertThat(sampler.exitCode()).isEqualTo(2);
        assertThat(sampler.err()).contains("unknown --sampler 'grid'; expected one of [random, tpe]");
        assertThat(resumeWithTrials.exitCode()).isEqualTo(2);
        assertThat(resumeWithTrials.err()).contains("--trials cannot be used with --resume");
        assertThat(resumeNothing.exitCode()).isEqualTo(3);
        assertThat(resumeNothing.err()).contains(notASearch + ": not a search's folder");
        assertThat(Files.list(options.runs()).count()).isZero();
    }
}
