package io.mosaic.runtime.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepSummaryTest {
    private static final ObjectMapper JSON = RunFolder.JSON;

    @Test
    void relativeRobustnessIsTheAreaOverTheLevelRange() {
        // acc2 over σ = 0, 1, 2: trapezoids 0.5·(0.8 + 0.6) + 0.5·(0.6 + 0.6) = 1.3 over a range of 2.
        SweepSummary sweep = new SweepSummary(List.of(0.0, 1.0, 2.0), Map.of("acc2", List.of(0.8, 0.6, 0.6)),
                Map.of("acc2", 1.3));

        assertThat(sweep.relativeRobustness().get("acc2")).isCloseTo(0.65, within(1e-12));
        assertThat(new SweepSummary(List.of(0.5), Map.of("acc2", List.of(0.8)), Map.of()).relativeRobustness())
                .as("one level has no area").isEmpty();
    }

    @Test
    void metricsJsonNamesItRelativeRobustnessAndAnOldFileGetsItComputed() throws Exception {
        SweepSummary sweep = new SweepSummary(List.of(0.0, 1.0), Map.of("mae", List.of(1.0, 2.0)),
                Map.of("mae", 1.5));

        String json = JSON.writeValueAsString(sweep);
        assertThat(json).contains("\"relative_robustness\" : {").contains("\"mae\" : 1.5");
        assertThat(JSON.readValue(json, SweepSummary.class)).isEqualTo(sweep);

        SweepSummary old = JSON.readValue("{\"rates\": [0.0, 0.5], \"curves\": {\"mae\": [1.0, 2.0]}, "
                + "\"auilc\": {\"mae\": 0.75}}", SweepSummary.class);
        assertThat(old.relativeRobustness().get("mae")).isCloseTo(1.5, within(1e-12));
    }
}
