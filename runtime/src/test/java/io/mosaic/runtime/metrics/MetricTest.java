package io.mosaic.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MetricTest {

    @Test
    void everyIdResolvesToItsMetric() {
        for (Metric metric : Metric.values()) {
            assertThat(Metric.fromId(metric.id())).isSameAs(metric);
        }
        assertThat(Arrays.stream(Metric.values()).map(Metric::id)).doesNotHaveDuplicates();
    }

    @Test
    void errorsAndLossAreLowerIsBetterTheRestHigher() {
        for (Metric metric : Metric.values()) {
            boolean lower = metric == Metric.MAE || metric == Metric.SIMS_MAE || metric == Metric.LOSS;
            assertThat(metric.direction())
                    .as(metric.id())
                    .isEqualTo(lower ? Direction.LOWER_IS_BETTER : Direction.HIGHER_IS_BETTER);
        }
    }

    @Test
    void unknownIdIsAnErrorListingEveryKnownId() {
        assertThatThrownBy(() -> Metric.fromId("Has0_acc_2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown metric id 'Has0_acc_2', expected one of [acc2_has0, f1_has0, ")
                .hasMessageEndingWith("f1_macro, loss]");
    }

    @Test
    void findGivesAKnownMetricAndNothingForAnUnknownId() {
        assertThat(Metric.find("mae")).contains(Metric.MAE);
        assertThat(Metric.find("Has0_acc_2")).isEmpty();
    }
}
