package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.RunFiles;
import io.mosaic.runtime.host.RuntimeOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Missing modalities and real files on the real runtime: the shipped {@code baseline-rmfm} (an RMFM training view
 * and an RMFM sweep), the baseline on an MMSA pickle and on an npz export of the testbed, and a seed group.
 */
class MissingModalityIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private RuntimeOptions options;

    @BeforeEach
    void options() {
        options = Installation.options(work, Duration.ofSeconds(10));
    }

    @Test
    void baselineRmfmWritesEveryRatesMetricsAndTheirAuilc() throws IOException {
        Cli.Result result = Cli.run(options, "run", "baseline-rmfm", "--set", "data.preset=tiny", "--set",
                "train.epochs=2", "--quiet");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path run = RunFiles.onlyRun(options.runs());
        JsonNode metrics = RunFiles.metrics(run);
        JsonNode sweep = metrics.get("sweeps").get("rmfm");
        assertThat(sweep.get("rates")).hasSize(11);
        assertThat(sweep.get("auilc").fieldNames()).toIterable()
                .containsExactly("acc2_non0", "f1_non0", "acc7", "mae", "corr");
        JsonNode acc2 = sweep.get("curves").get("acc2_non0");
        assertThat(acc2).hasSize(11);
        assertThat(acc2.get(0).asDouble()).as("rate 0 removes nothing")
                .isEqualTo(metrics.get("test").get("acc2_non0").asDouble());
        double trapezoid = 0;
        for (int i = 1; i < 11; i++) {
            trapezoid += 0.1 * (acc2.get(i).asDouble() + acc2.get(i - 1).asDouble()) / 2;
        }
        assertThat(sweep.get("auilc").get("acc2_non0").asDouble()).isCloseTo(trapezoid,
                within(1e-9));
        assertThat(sweep.get("relative_robustness").get("acc2_non0").asDouble())
                .as("MultiBench's relative robustness: on the levels 0, 0.1, ..., 1 the area itself")
                .isCloseTo(trapezoid, within(1e-9));
        List<String> csv = Files.readAllLines(run.resolve("sweeps.csv"));
        assertThat(csv.get(0)).isEqualTo("protocol,rate,metric,value");
        // Per metric: 11 rates, the AUILC and the relative robustness.
        assertThat(csv).hasSize(1 + 5 * 13);
        assertThat(csv).anyMatch(line -> line.startsWith("rmfm,relative_robustness,acc2_non0,"));
        assertThat(result.out()).contains("sweep rmfm on the test split").contains("AUILC");
    }

    @Test
    void theBaselineTrainsOnAnMmsaPickle() throws IOException {
        Path pickle = work.resolve("mosi-like-tiny.pkl");
        try (InputStream in = getClass().getResourceAsStream("/data/mmsa-mosi-like-tiny.pkl")) {
            Files.copy(in, pickle);
        }

        Cli.Result result = Cli.run(options, "run", "baseline", "--set", "data.source=mmsa", "--set",
                "data.file=" + pickle, "--set", "train.epochs=2", "--set", "train.batch=4", "--quiet");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path run = RunFiles.onlyRun(options.runs());
        JsonNode metrics = RunFiles.metrics(run);
        assertThat(metrics.get("data").asText()).contains("mosi-like-tiny.pkl");
        metrics.get("test").fields().forEachRemaining(m -> assertThat(m.getValue().asDouble()).as(m.getKey())
                .isFinite());
        // The fixture's text is 768-wide BERT features: the text projection is 768 x 32 without bias.
        assertThat(RunFiles.resolvedAssembly(run).toString()).contains("source=mmsa");
        assertThat(metrics.get("parameters").get("text[0]").asLong()).isEqualTo(768L * 32);
    }

    @Test
    void theBaselineTrainsOnAnNpzExportOfTheTestbed() throws IOException {
        Path export = work.resolve("tiny.npz");
        Cli.Result written = Cli.run(options, "data", "testbed", "--preset", "tiny", "--seed", "5", "--out",
                export.toString());
        assertThat(written.exitCode()).as(written.toString()).isZero();

        Cli.Result result = Cli.run(options, "run", "baseline", "--set", "data.source=npz", "--set",
                "data.file=" + export, "--set", "train.epochs=2", "--quiet");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode metrics = RunFiles.metrics(RunFiles.onlyRun(options.runs()));
        metrics.get("test").fields().forEachRemaining(m -> assertThat(m.getValue().asDouble()).as(m.getKey())
                .isFinite());
        // The export keeps the testbed's tiny shapes: 8-wide token features into a 32-wide projection.
        assertThat(metrics.get("parameters").get("text[0]").asLong()).isEqualTo(8L * 32);
    }

    @Test
    void aSeedGroupSummarisesEveryMetricOverItsSeeds() throws IOException {
        Cli.Result result = Cli.run(options, "run", "baseline", "--seeds", "2", "--set", "data.preset=tiny",
                "--set", "train.epochs=1", "--quiet");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path group;
        try (Stream<Path> folders = Files.list(options.runs())) {
            group = folders.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertThat(group.resolve("seed-1111").resolve("metrics.json")).isRegularFile();
        assertThat(group.resolve("seed-1112").resolve("metrics.json")).isRegularFile();
        JsonNode summary = JSON.readTree(group.resolve("summary.json").toFile());
        double first = RunFiles.metrics(group.resolve("seed-1111")).get("test").get("mae").asDouble();
        double second = RunFiles.metrics(group.resolve("seed-1112")).get("test").get("mae").asDouble();
        JsonNode mae = summary.get("test").get("mae");
        assertThat(mae.get("n").asInt()).isEqualTo(2);
        assertThat(mae.get("mean").asDouble()).isEqualTo((first + second) / 2);
        assertThat(mae.get("std").asDouble()).isCloseTo(Math.abs(first - second) / 2,
                within(1e-12));
        assertThat(first).as("two seeds train two different models").isNotEqualTo(second);
        assertThat(RunFiles.resolvedAssembly(group.resolve("seed-1112")).get("data").toString())
                .as("the data seed stays the assembly's").contains("seed=1111");
    }
}
