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

/** {@code mosaic bench --json FILE} writes the figures it prints, as bench/side_by_side.py reads them. */
class BenchJsonIT {

    @TempDir
    Path work;

    @Test
    void theJsonHoldsEveryTimedStepAndWhatTheCommandPrints() throws Exception {
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(2));
        Path json = work.resolve("figures").resolve("baseline.json");

        Cli.Result bench = Cli.run(options, "bench", "baseline", "--set", "data.preset=tiny", "--steps", "3",
                "--warmup", "1", "--set", "backend.threads=1", "--json", json.toString());

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
        Matcher memory = Pattern.compile("peak memory ([0-9]+) MiB").matcher(bench.out());
        assertThat(memory.find()).isTrue();
        assertThat(figures.get("peak_resident_mib").asDouble()).isCloseTo(Double.parseDouble(memory.group(1)),
                within(0.5));
    }
}
