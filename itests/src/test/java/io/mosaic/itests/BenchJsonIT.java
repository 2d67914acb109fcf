package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.Installation;
import io.mosaic.runtime.host.RuntimeOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mosaic bench --json FILE} writes the figures it prints, as bench/side_by_side.py reads them: every timed step,
 * every evaluation ({@code --eval-reps}) and their medians.
 */
class BenchJsonIT {

    @TempDir
    Path work;

    @Test
    void theJsonHoldsEveryTimedStepAndWhatTheCommandPrints() throws Exception {
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(2));
        Path json = work.resolve("figures").resolve("baseline.json");

        Cli.Result bench = Cli.run(options, "bench", "baseline", "--set", "data.preset=tiny", "--steps", "3",
                "--warmup", "1", "--eval-reps", "2", "--set", "backend.threads=1", "--json", json.toString());

        assertThat(bench.exitCode()).as(bench.toString()).isZero();
        JsonNode figures = new ObjectMapper().readTree(json.toFile());
        assertThat(figures.get("assembly").asText()).isEqualTo("baseline");
        assertThat(figures.get("step_seconds")).hasSize(3);
        assertThat(figures.get("warmup").asInt()).isEqualTo(1);
        assertThat(figures.get("threads").asInt()).isEqualTo(1);
        assertThat(bench.out()).contains(", 1 intra-op thread\n");
        assertThat(bench.out()).contains(String.format(Locale.ROOT, "parameters  %,d", figures.get("parameters").asLong()));
        Matcher printed = Pattern.compile("train step  median ([0-9.]+) s").matcher(bench.out());
        assertThat(printed.find()).as(bench.out()).isTrue();
        assertThat(figures.get("step_median_seconds").asDouble()).isCloseTo(Double.parseDouble(printed.group(1)),
                within(0.0005));
        assertThat(figures.get("evaluation_reps").asInt()).isEqualTo(2);
        JsonNode evaluations = figures.get("evaluation_runs_seconds");
        assertThat(evaluations).hasSize(2).allSatisfy(e -> assertThat(e.asDouble()).isPositive());
        assertThat(figures.get("evaluation_first_seconds").asDouble()).isEqualTo(evaluations.get(0).asDouble());
        assertThat(figures.get("evaluation_seconds").asDouble()).as("the median of two, their mean")
                .isCloseTo((evaluations.get(0).asDouble() + evaluations.get(1).asDouble()) / 2, within(1e-12));
        Matcher evaluate = Pattern.compile("evaluate    [0-9.]+ samples/s \\((\\d+) validation samples in median "
                + "([0-9.]+) s, first ([0-9.]+) s, 2 reps\\)").matcher(bench.out());
        assertThat(evaluate.find()).as(bench.out()).isTrue();
        assertThat(Integer.parseInt(evaluate.group(1))).isEqualTo(figures.get("evaluation_samples").asInt());
        assertThat(Double.parseDouble(evaluate.group(2))).isCloseTo(figures.get("evaluation_seconds").asDouble(),
                within(0.0005));
        assertThat(Double.parseDouble(evaluate.group(3))).isCloseTo(evaluations.get(0).asDouble(), within(0.0005));
        Matcher memory = Pattern.compile("peak memory ([0-9]+) MiB").matcher(bench.out());
        assertThat(memory.find()).isTrue();
        assertThat(figures.get("peak_resident_mib").asDouble()).isCloseTo(Double.parseDouble(memory.group(1)),
                within(0.5));
    }
}
