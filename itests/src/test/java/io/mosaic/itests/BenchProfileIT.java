package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.Installation;
import io.mosaic.runtime.host.RuntimeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mosaic bench --profile DIR} records libtorch's operators over the timed steps (not the warm-up) and the
 * evaluation, as bench/profile_compare.py reads them.
 */
class BenchProfileIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private static List<JsonNode> events(Path trace, String name) throws Exception {
        JsonNode events = JSON.readTree(trace.toFile());
        assertThat(events.isArray()).as(trace + " is a Chrome trace, a JSON list of events").isTrue();
        return StreamSupport.stream(events.spliterator(), false)
                .filter(e -> e.path("ph").asText().equals("X") && e.path("name").asText().equals(name)).toList();
    }

    @Test
    void tracesTheTimedStepsAndTheEvaluationWithTheirWallTimes() throws Exception {
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(2));
        Path profile = work.resolve("profile");
        Path json = work.resolve("baseline.json");

        Cli.Result bench = Cli.run(options, "bench", "baseline", "--set", "data.preset=tiny", "--steps", "2",
                "--warmup", "1", "--set", "backend.threads=1", "--profile", profile.toString(), "--json",
                json.toString());

        assertThat(bench.exitCode()).as(bench.toString()).isZero();
        assertThat(bench.out()).contains("the times above were taken under libtorch's profiler")
                .contains("the evaluations on one thread (train.eval-workers=1");
        assertThat(JSON.readTree(json.toFile()).get("profiled").asBoolean()).isTrue();
        // baseline runs two GRUs a forward pass (text's alone, audio's and vision's jointly as one): two timed steps,
        // the warm-up step not traced
        List<JsonNode> trainGru = events(profile.resolve("train.json"), "aten::gru");
        assertThat(trainGru).hasSize(4).allSatisfy(e -> assertThat(e.get("dur").asDouble()).isPositive());
        assertThat(events(profile.resolve("train.json"), "autograd::engine::evaluate_function: AddmmBackward0"))
                .as("the backward pass is traced too").isNotEmpty();
        List<JsonNode> evaluateGru = events(profile.resolve("evaluate.json"), "aten::gru");
        assertThat(evaluateGru).hasSize(2).allSatisfy(e -> assertThat(e.get("dur").asDouble()).isPositive());
        assertThat(events(profile.resolve("evaluate.json"), "aten::addmm")).isNotEmpty();

        JsonNode wall = JSON.readTree(profile.resolve("wall.json").toFile());
        assertThat(wall.at("/train/runs").asInt()).isEqualTo(2);
        double steps = wall.at("/train/seconds/0").asDouble() + wall.at("/train/seconds/1").asDouble();
        assertThat(wall.at("/train/total_seconds").asDouble()).isPositive().isCloseTo(steps, within(1e-9));
        assertThat(wall.at("/evaluate/runs").asInt()).isEqualTo(1);
        assertThat(wall.at("/evaluate/total_seconds").asDouble()).isPositive();
        // every traced GRU lies within the wall time of the phase it belongs to
        double longestGruMicros = trainGru.stream().mapToDouble(e -> e.get("dur").asDouble()).max().orElseThrow();
        assertThat(longestGruMicros).isLessThan(wall.at("/train/total_seconds").asDouble() * 1e6);
    }

    @Test
    void refusesAFolderThatCannotBeWrittenNamingIt() throws Exception {
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(2));
        Path file = Files.writeString(work.resolve("taken"), "not a folder");

        Cli.Result bench = Cli.run(options, "bench", "baseline", "--set", "data.preset=tiny", "--steps", "1",
                "--profile", file.toString());

        assertThat(bench.exitCode()).as(bench.toString()).isNotZero();
        assertThat(bench.err()).contains("--profile " + file + " is a file, not a folder");
        assertThat(Files.readString(file)).isEqualTo("not a folder");

        Path below = file.resolve("profile");
        Cli.Result nested = Cli.run(options, "bench", "baseline", "--set", "data.preset=tiny", "--steps", "1",
                "--profile", below.toString());
        assertThat(nested.exitCode()).as(nested.toString()).isNotZero();
        assertThat(nested.err()).contains("--profile " + below + ": cannot write there");
    }
}
