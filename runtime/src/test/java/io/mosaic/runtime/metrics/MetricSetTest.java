package io.mosaic.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricSetTest {

    private static final MetricSet SET = MetricSet.builder()
            .put(Metric.MAE, 0.5)
            .put(Metric.ACC7, 0.25)
            .put(Metric.ACC2_NON0, Double.NaN)
            .build();

    @Test
    void keepsInsertionOrderAndValues() {
        assertThat(SET.metrics()).containsExactly(Metric.MAE, Metric.ACC7, Metric.ACC2_NON0);
        assertThat(SET.asMap().keySet()).containsExactly("mae", "acc7", "acc2_non0");
        assertThat(SET.get(Metric.ACC7)).isEqualTo(0.25);
        assertThat(SET.get("mae")).isEqualTo(0.5);
        assertThat(SET.get(Metric.ACC2_NON0)).isNaN();
        assertThat(SET.contains(Metric.CORR)).isFalse();
    }

    @Test
    void unknownIdListsTheKnownOnes() {
        assertThatThrownBy(() -> SET.get("acc2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown metric id 'acc2'")
                .hasMessageContaining("acc2_has0, f1_has0");
    }

    @Test
    void absentMetricNamesThePresentOnes() {
        assertThatThrownBy(() -> SET.get(Metric.CORR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("corr is not in this set, which has [mae, acc7, acc2_non0]");
    }

    @Test
    void rejectsAMetricSetTwice() {
        MetricSet.Builder builder = MetricSet.builder().put(Metric.MAE, 0.5);
        assertThatThrownBy(() -> builder.put(Metric.MAE, 0.4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mae is already set to 0.5");
    }

    @Test
    void isImmutable() {
        Map<String, Double> map = SET.asMap();
        assertThatThrownBy(() -> map.put("corr", 1.0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalityDependsOnOrderAndTreatsNaNAsEqual() {
        MetricSet same = MetricSet.builder().putAll(SET).build();
        MetricSet reordered = MetricSet.builder()
                .put(Metric.ACC7, 0.25).put(Metric.MAE, 0.5).put(Metric.ACC2_NON0, Double.NaN).build();
        assertThat(same).isEqualTo(SET).hasSameHashCodeAs(SET);
        assertThat(reordered).isNotEqualTo(SET);
    }

    @Test
    void putAllExtendsASet() {
        MetricSet withLoss = MetricSet.builder().putAll(SET).put(Metric.LOSS, 1.5).build();
        assertThat(withLoss.metrics()).containsExactly(Metric.MAE, Metric.ACC7, Metric.ACC2_NON0, Metric.LOSS);
    }
}
