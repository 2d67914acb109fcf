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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mosaic compare} on the real runtime: the baseline against the shipped {@code baseline-rmfm}. */
class CompareIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private RuntimeOptions options;

    @BeforeEach
    void options() {
        options = Installation.options(work, Duration.ofSeconds(10));
    }

    @Test
    void twoAssembliesTrainWithTheSameSeedsOnTheSameDataAndAreCompared() throws IOException {
        Cli.Result result = Cli.run(options, "compare", "baseline", "baseline-rmfm", "--set", "data.preset=tiny",
                "--set", "train.epochs=2", "--seeds", "2", "-q");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path folder = RunFiles.onlyRun(options.runs());
        assertThat(folder.getFileName().toString()).startsWith("compare-");
        JsonNode comparison = JSON.readTree(folder.resolve("comparison.json").toFile());
        assertThat(comparison.get("reference").asText()).isEqualTo("baseline");
        assertThat(comparison.get("seeds")).hasSize(2);
        JsonNode baseline = comparison.get("assemblies").get(0);
        JsonNode rmfm = comparison.get("assemblies").get(1);
        assertThat(baseline.get("assembly").asText()).isEqualTo("baseline");
        assertThat(rmfm.get("assembly").asText()).isEqualTo("baseline-rmfm");
        for (JsonNode assembly : List.of(baseline, rmfm)) {
            Path group = folder.resolve(assembly.get("group").asText());
            for (JsonNode seed : comparison.get("seeds")) {
                Map<String, Object> resolved = RunFiles.resolvedAssembly(group.resolve("seed-" + seed.asLong()));
                assertThat(((Number) resolved.get("seed")).longValue()).isEqualTo(seed.asLong());
                assertThat(((Map<?, ?>) resolved.get("data")).get("seed")).as("every run reads the same data")
                        .hasToString(comparison.get("dataSeed").asText());
            }
            assembly.get("test").fields().forEachRemaining(metric -> {
                assertThat(metric.getValue().get("values")).as(metric.getKey()).hasSize(2);
                assertThat(metric.getValue().get("mean").asDouble()).as(metric.getKey()).isFinite();
            });
            assertThat(assembly.get("parameters").asLong()).isPositive();
            assertThat(assembly.get("secondsPerEpoch").asDouble()).isPositive();
        }
        long firstSeed = comparison.get("seeds").get(0).asLong();
        assertThat(baseline.get("test").get("mae").get("values").get(0).asDouble())
                .as("the per-seed values are the runs' own")
                .isEqualTo(RunFiles.metrics(folder.resolve("baseline/seed-" + firstSeed)).get("test").get("mae")
                        .asDouble());
        assertThat(baseline.get("paired")).isEmpty();
        JsonNode paired = rmfm.get("paired").get("mae");
        assertThat(paired.has("pValue")).isTrue();
        assertThat(paired.get("meanDifference").asDouble()).isCloseTo(
                rmfm.get("test").get("mae").get("mean").asDouble() - baseline.get("test").get("mae").get("mean")
                        .asDouble(), within(1e-9));
        assertThat(baseline.get("sweeps")).isEmpty();
        assertThat(rmfm.get("sweeps").get("rmfm").get("auilc").get("acc2_non0").get("mean").asDouble())
                .isBetween(0.0, 1.0);
        assertThat(rmfm.get("sweeps").get("rmfm").get("curves").get("acc2_non0")).hasSize(11);
        List<String> csv = Files.readAllLines(folder.resolve("comparison.csv"));
        assertThat(csv.get(0)).isEqualTo("assembly,kind,metric,rate,mean,std,values,mean_difference,p_value");
        assertThat(csv).anyMatch(line -> line.startsWith("baseline-rmfm,auilc:rmfm,acc2_non0,"))
                .noneMatch(line -> line.startsWith("baseline,auilc:"));
        assertThat(result.out()).contains("baseline-rmfm").contains("± ").contains("peak MiB")
                .contains("AUILC of sweep rmfm").contains("report      " + folder.resolve("comparison.html"));
        assertThat(folder.resolve("comparison.html")).isRegularFile();
        for (JsonNode assembly : List.of(baseline, rmfm)) {
            assertThat(assembly.get("peakResident").get("scope").asText()).as("Linux resets the peak per assembly")
                    .isEqualTo("assembly");
            assertThat(assembly.get("peakResident").get("megabytes").asDouble()).isPositive();
            assertThat(assembly.get("training").get("epochs")).hasSize(2);
        }
    }

    @Test
    void assembliesOnDifferentDataAreRefused() {
        Cli.Result result = Cli.run(options, "compare", "baseline", "baseline-maci", "--set", "data.preset=tiny",
                "--seeds", "2", "-q");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err()).contains("must read the same data").contains("'baseline-maci'")
                .contains("task classes-3");
        assertThat(options.runs()).as("nothing was trained").satisfiesAnyOf(
                runs -> assertThat(runs).doesNotExist(), runs -> assertThat(runs).isEmptyDirectory());
    }

    @Test
    void theHintForAnotherTaskIsACommandThatWorksWithAMetricTheTaskReports() throws IOException {
        Path twoClasses = Files.writeString(work.resolve("maci-two-classes.yaml"), """
                name: maci-two-classes
                extends: baseline-maci
                data: { task: classes-2 }
                train:
                  select: { metric: accuracy }
                """);
        List<String> command = new ArrayList<>(List.of("compare", twoClasses.toString(), "baseline-maci", "--set",
                "data.preset=tiny", "--set", "train.epochs=1", "--seeds", "1", "-q"));

        Cli.Result refused = Cli.run(options, command.toArray(String[]::new));

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(3);
        String hint = "; to compare them on the same data, add ";
        assertThat(refused.err()).contains(hint + "--set data.task=classes-2 --set train.select.metric=accuracy\n");
        String added = refused.err().substring(refused.err().indexOf(hint) + hint.length()).trim();
        command.addAll(List.of(added.split(" ")));

        Cli.Result hinted = Cli.run(options, command.toArray(String[]::new));

        assertThat(hinted.exitCode()).as(hinted.toString()).isZero();
        assertThat(hinted.out()).contains("comparison  ").contains("warning: p-values from 1 seed are a weak guide");
    }

    @Test
    void oneAssemblyIsAUsageError() {
        Cli.Result result = Cli.run(options, "compare", "baseline");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    }
}
