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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --vary} on the real runtime: variants of {@code baseline} on {@code tiny}, compared and run as a group. */
class VaryIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private RuntimeOptions options;

    @BeforeEach
    void options() {
        options = Installation.options(work, Duration.ofSeconds(10));
    }

    @Test
    void compareTrainsOneVariantPerValueWithTheSameSeedsAndTestsThemAgainstTheFirst() throws IOException {
        Cli.Result result = Cli.run(options, "compare", "baseline", "--vary", "train.optimizer.lr=1e-3,3e-3",
                "--set", "data.preset=tiny", "--set", "train.epochs=1", "--seeds", "2", "-q");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path folder = RunFiles.onlyRun(options.runs());
        JsonNode comparison = JSON.readTree(folder.resolve("comparison.json").toFile());
        assertThat(comparison.get("reference").asText()).isEqualTo("baseline[lr=1e-3]");
        JsonNode first = comparison.get("assemblies").get(0);
        JsonNode second = comparison.get("assemblies").get(1);
        assertThat(comparison.get("assemblies")).hasSize(2);
        assertThat(first.get("assembly").asText()).isEqualTo("baseline[lr=1e-3]");
        assertThat(second.get("assembly").asText()).isEqualTo("baseline[lr=3e-3]");
        Map<JsonNode, Double> rates = Map.of(first, 1e-3, second, 3e-3);
        rates.forEach((variant, lr) -> {
            assertThat(variant.get("group").asText()).isEqualTo(variant.get("assembly").asText());
            for (JsonNode seed : comparison.get("seeds")) {
                Map<String, Object> resolved = RunFiles.resolvedAssembly(folder.resolve(variant.get("group").asText())
                        .resolve("seed-" + seed.asLong()));
                assertThat(((Number) resolved.get("seed")).longValue()).isEqualTo(seed.asLong());
                assertThat(((Map<?, ?>) resolved.get("data")).get("seed")).as("every variant reads the same data")
                        .hasToString(comparison.get("dataSeed").asText());
                Map<?, ?> optimizer = (Map<?, ?>) ((Map<?, ?>) resolved.get("train")).get("optimizer");
                assertThat(((Number) optimizer.get("lr")).doubleValue()).isEqualTo(lr);
            }
        });
        assertThat(first.get("paired")).as("the first variant is the reference").isEmpty();
        JsonNode mae = second.get("paired").get("mae");
        assertThat(mae.has("pValue")).isTrue();
        assertThat(mae.get("meanDifference").asDouble()).isCloseTo(second.get("test").get("mae").get("mean")
                .asDouble() - first.get("test").get("mae").get("mean").asDouble(), within(1e-9));
        assertThat(second.get("test").get("mae").get("values").get(0).asDouble())
                .as("a different rate trains a different model")
                .isNotEqualTo(first.get("test").get("mae").get("values").get(0).asDouble());
        assertThat(result.out()).contains("p: paired t-test against baseline[lr=1e-3]")
                .contains("baseline[lr=3e-3]");
    }

    @Test
    void anInvalidValueIsRefusedNamingItsVariantBeforeAnythingTrains() {
        Cli.Result result = Cli.run(options, "compare", "baseline", "--vary", "train.batch=8,0",
                "--set", "data.preset=tiny", "-q");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.err()).contains("error: variant baseline[batch=0]: --set train.batch=0: train: parameter "
                + "'batch': value 0 is out of range");
        assertThat(options.runs()).as("nothing was trained").satisfiesAnyOf(
                runs -> assertThat(runs).doesNotExist(), runs -> assertThat(runs).isEmptyDirectory());
    }

    @Test
    void runSeedsWithVaryTrainsEveryVariantInOneGroupThatResumes() throws IOException {
        List<String> command = List.of("run", "baseline", "--vary", "components.head.hidden=[8],[8,4]",
                "--set", "data.preset=tiny", "--set", "train.epochs=1", "-q");

        Cli.Result result = Cli.run(options, command.toArray(String[]::new));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path group = RunFiles.onlyRun(options.runs());
        JsonNode plan = JSON.readTree(group.resolve("variants.json").toFile()).get("variants");
        assertThat(plan).extracting(v -> v.get("variant").asText())
                .containsExactly("baseline[hidden=[8]]", "baseline[hidden=[8,4]]");
        Map<?, ?> head = (Map<?, ?>) ((Map<?, ?>) RunFiles.resolvedAssembly(group.resolve(plan.get(1).get("group")
                .asText()).resolve("seed-1111")).get("components")).get("head");
        assertThat(head.get("hidden")).isEqualTo(List.of(8, 4));
        assertThat(Files.readAllLines(group.resolve("variants.csv"))).first()
                .isEqualTo("variant,split,metric,mean,std,n");
        assertThat(Files.readAllLines(group.resolve("variants.csv")))
                .anyMatch(line -> line.startsWith("\"baseline[hidden=[8,4]]\",test,mae,"));
        assertThat(result.out()).contains("baseline[hidden=[8]]  ").contains("baseline[hidden=[8,4]]");

        Cli.Result resumed = Cli.run(options, List.of(command, List.of("--resume", group.toString())).stream()
                .flatMap(List::stream).toArray(String[]::new));

        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.out()).as("completed seeds are kept, not retrained").isEqualTo(result.out());
        Cli.Result otherVariants = Cli.run(options, "run", "baseline", "--vary", "components.head.hidden=[8],[4]",
                "--set", "data.preset=tiny", "--set", "train.epochs=1", "--resume", group.toString(), "-q");
        assertThat(otherVariants.exitCode()).as(otherVariants.toString()).isEqualTo(3);
        assertThat(otherVariants.err()).contains("it was started with the variants [baseline[hidden=[8]], "
                + "baseline[hidden=[8,4]]], not [baseline[hidden=[8]], baseline[hidden=[4]]]");
        Cli.Result withoutVary = Cli.run(options, "run", "baseline", "--seeds", "2", "--set", "data.preset=tiny",
                "--resume", group.toString(), "-q");
        assertThat(withoutVary.exitCode()).as(withoutVary.toString()).isEqualTo(3);
        assertThat(withoutVary.err()).contains("it is a seed group of variants; resume it with the --vary options");
    }
}
