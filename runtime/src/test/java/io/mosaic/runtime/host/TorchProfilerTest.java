package io.mosaic.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchProfilerTest {

    @TempDir
    Path work;

    /** The complete events of a trace named {@code name}. */
    private static List<JsonNode> events(Path trace, String name) throws Exception {
        JsonNode events = new ObjectMapper().readTree(trace.toFile());
        assertThat(events.isArray()).as("a Chrome trace as a JSON list").isTrue();
        return StreamSupport.stream(events.spliterator(), false)
                .filter(e -> e.path("ph").asText().equals("X") && e.path("name").asText().equals(name)).toList();
    }

    @Test
    void recordsEachOperatorTheWorkRunsWithAPositiveDuration() throws Exception {
        Path trace = work.resolve("profile").resolve("train.json");
        try (NDManager manager = Engines.newManager("cpu")) {
            NDArray a = manager.ones(new Shape(64, 64));
            TorchProfiler.record(trace, () -> {
                for (int i = 0; i < 3; i++) {
                    a.matMul(a).close();
                }
            });
            a.matMul(a).close(); // after the recording: not in it
        }

        List<JsonNode> products = events(trace, "aten::mm");
        assertThat(products).hasSize(3);
        assertThat(products).allSatisfy(e -> {
            assertThat(e.get("dur").asDouble()).isPositive();
            assertThat(e.has("ts")).isTrue();
            assertThat(e.has("tid")).isTrue();
        });
        try (var left = Files.list(trace.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("train.json");
        }
    }

    @Test
    void workThatFailsLeavesNoTraceAndTheProfilerStopped() throws Exception {
        Path trace = work.resolve("evaluate.json");
        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> TorchProfiler.record(trace, () -> {
            seen.add("ran");
            throw new IllegalStateException("the evaluation failed");
        })).isInstanceOf(IllegalStateException.class).hasMessage("the evaluation failed");
        assertThat(seen).containsExactly("ran");
        assertThat(trace).doesNotExist();

        // stopped: a new recording can start (libtorch refuses a second one while one is under way)
        try (NDManager manager = Engines.newManager("cpu")) {
            NDArray a = manager.ones(new Shape(4, 4));
            TorchProfiler.record(trace, () -> a.add(a).close());
        }
        assertThat(events(trace, "aten::add")).hasSize(1);
    }
}
