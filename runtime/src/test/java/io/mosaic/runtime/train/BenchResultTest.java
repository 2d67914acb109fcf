package io.mosaic.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BenchResultTest {

    private static BenchResult timed(double[] steps, double[] evaluations) {
        return new BenchResult(16, steps, 400, evaluations, 1000, 512.0);
    }

    @Test
    void stepsAndEvaluationsReportTheirMedians() {
        BenchResult result = timed(new double[] {0.30, 0.10, 0.20, 0.60}, new double[] {3.0, 1.0, 2.0});

        assertThat(result.medianStepSeconds()).isEqualTo(0.25, within(1e-12));
        assertThat(result.meanStepSeconds()).isEqualTo(0.30, within(1e-12));
        assertThat(result.trainingSamplesPerSecond()).isEqualTo(64.0, within(1e-9));
        assertThat(result.medianEvaluationSeconds()).isEqualTo(2.0);
        assertThat(result.firstEvaluationSeconds()).isEqualTo(3.0);
        assertThat(result.evaluationSamplesPerSecond()).as("at the median").isEqualTo(200.0);
    }

    @Test
    void twoEvaluationsReportTheMeanOfBoth() {
        BenchResult result = timed(new double[] {0.5}, new double[] {4.0, 1.0});

        assertThat(result.medianEvaluationSeconds()).isEqualTo(2.5);
        assertThat(result.firstEvaluationSeconds()).isEqualTo(4.0);
        assertThat(result.evaluationSamplesPerSecond()).isEqualTo(160.0);
        assertThat(result.medianStepSeconds()).isEqualTo(0.5);
    }

    @Test
    void aResultWithoutATimedStepOrEvaluationIsRefused() {
        assertThatThrownBy(() -> timed(new double[] {0.5}, new double[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a benchmark times at least one step and one evaluation, got 1 and 0");
        assertThatThrownBy(() -> timed(new double[0], new double[] {1.0}))
                .hasMessage("a benchmark times at least one step and one evaluation, got 0 and 1");
    }
}
