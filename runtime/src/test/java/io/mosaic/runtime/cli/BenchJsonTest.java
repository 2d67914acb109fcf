package io.mosaic.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mosaic.runtime.train.BenchResult;
import org.junit.jupiter.api.Test;

class BenchJsonTest {

    @Test
    void holdsEveryStepAndTheFiguresBenchPrints() throws Exception {
        BenchResult result = new BenchResult(16, new double[] {0.30, 0.10, 0.20, 0.60}, 400,
                new double[] {2.6, 1.9, 2.0}, 109_256, 1234.5);

        JsonNode json = new ObjectMapper().readTree(BenchJson.of(
                new BenchJson.Run("s2lif", "testbed", "classes-3", "cpu()", 3, 2, false), result));

        assertThat(json.get("assembly").asText()).isEqualTo("s2lif");
        assertThat(json.get("task").asText()).isEqualTo("classes-3");
        assertThat(json.get("batch").asInt()).isEqualTo(16);
        assertThat(json.get("parameters").asLong()).isEqualTo(109_256);
        assertThat(json.get("threads").asInt()).isEqualTo(3);
        assertThat(json.get("warmup").asInt()).isEqualTo(2);
        assertThat(json.get("profiled").asBoolean()).isFalse();
        assertThat(json.get("step_seconds")).extracting(JsonNode::asDouble).containsExactly(0.30, 0.10, 0.20, 0.60);
        assertThat(json.get("step_median_seconds").asDouble()).isEqualTo(0.25, within(1e-12));
        assertThat(json.get("step_mean_seconds").asDouble()).isEqualTo(0.30, within(1e-12));
        assertThat(json.get("train_samples_per_second").asDouble()).isEqualTo(64.0, within(1e-9));
        assertThat(json.get("evaluation_samples").asInt()).isEqualTo(400);
        assertThat(json.get("evaluation_seconds").asDouble()).as("the median").isEqualTo(2.0);
        assertThat(json.get("evaluation_first_seconds").asDouble()).isEqualTo(2.6);
        assertThat(json.get("evaluation_reps").asInt()).isEqualTo(3);
        assertThat(json.get("evaluation_runs_seconds")).extracting(JsonNode::asDouble).containsExactly(2.6, 1.9, 2.0);
        assertThat(json.get("evaluation_samples_per_second").asDouble()).isEqualTo(200.0);
        assertThat(json.get("peak_resident_mib").asDouble()).isEqualTo(1234.5);
    }

    @Test
    void theWallTimesOfAProfileSumTheTimedStepsAndTheEvaluations() throws Exception {
        BenchResult result = new BenchResult(16, new double[] {0.30, 0.10, 0.20, 0.60}, 400,
                new double[] {2.5, 1.5}, 109_256, 1234.5);

        JsonNode wall = new ObjectMapper().readTree(BenchJson.wall(
                new BenchJson.Run("s2lif", "testbed", "classes-3", "cpu()", 3, 2, true), result));

        assertThat(wall.get("side").asText()).isEqualTo("mosaic");
        assertThat(wall.at("/train/runs").asInt()).isEqualTo(4);
        assertThat(wall.at("/train/total_seconds").asDouble()).isEqualTo(1.2, within(1e-12));
        assertThat(wall.at("/train/seconds")).extracting(JsonNode::asDouble).containsExactly(0.30, 0.10, 0.20, 0.60);
        assertThat(wall.at("/evaluate/runs").asInt()).isEqualTo(2);
        assertThat(wall.at("/evaluate/seconds")).extracting(JsonNode::asDouble).containsExactly(2.5, 1.5);
        assertThat(wall.at("/evaluate/total_seconds").asDouble()).isEqualTo(4.0);
        assertThat(wall.get("evaluation_samples").asInt()).isEqualTo(400);
        assertThat(wall.get("batch").asInt()).isEqualTo(16);
    }
}
