package io.mosaic.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    @Test
    void computesAccuracyAndBothF1Averages() {
        // predicted 0 1 1 1 2 2 3 against actual 0 0 1 1 1 2 2: positions 0 2 3 5 agree -> accuracy 4/7.
        // F1 per class: 2/3, 2/3, 1/2, 0 (see F1ScoresTest) -> weighted 13/21, macro 11/24.
        MetricSet metrics = ClassificationMetrics.compute(
                new int[] {0, 1, 1, 1, 2, 2, 3}, new int[] {0, 0, 1, 1, 1, 2, 2});
        assertThat(metrics.metrics()).containsExactly(Metric.ACCURACY, Metric.F1_WEIGHTED, Metric.F1_MACRO);
        assertThat(metrics.get(Metric.ACCURACY)).isCloseTo(4.0 / 7, within(1e-15));
        assertThat(metrics.get(Metric.F1_WEIGHTED)).isCloseTo(13.0 / 21, within(1e-15));
        assertThat(metrics.get(Metric.F1_MACRO)).isCloseTo(11.0 / 24, within(1e-15));
    }

    @Test
    void rejectsEmptyAndMismatchedInput() {
        assertThatThrownBy(() -> ClassificationMetrics.compute(new int[0], new int[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one sample");
        assertThatThrownBy(() -> ClassificationMetrics.accuracy(new int[] {1}, new int[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 predicted and 2 actual");
    }
}
