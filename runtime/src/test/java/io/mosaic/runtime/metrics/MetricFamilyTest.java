package io.mosaic.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricFamilyTest {

    @Test
    void eachFamilyComputesExactlyTheMetricsItReportsBesideLoss() {
        double[] scores = {-1.5, 0.4, 2.2, 0.0};
        double[] truth = {-1.0, 0.6, 1.8, -0.2};
        for (MetricFamily family : MetricFamily.values()) {
            boolean classes = family == MetricFamily.CLASSES || family == MetricFamily.POLARITY;
            double[] p = classes ? new double[] {0, 1, 2, 1} : scores;
            double[] y = classes ? new double[] {0, 1, 2, 0} : truth;
            MetricSet metrics = family.compute(p, y);

            assertThat(metrics.metrics()).as(family.id())
                    .containsExactlyElementsOf(family.metrics().subList(0, family.metrics().size() - 1));
        }
    }

    @Test
    void simsClipsToUnitRangeWhereMosiDoesNot() {
        // Predictions 2.0 and -2.0 against 1.0 and -1.0: MOSI's MAE is 1.0 on raw values, SIMS' is 0 after clipping.
        double[] p = {2.0, -2.0};
        double[] y = {1.0, -1.0};

        assertThat(MetricFamily.MOSI.compute(p, y).get(Metric.MAE)).isCloseTo(1.0, within(1e-12));
        assertThat(MetricFamily.SIMS.compute(p, y).get(Metric.SIMS_MAE)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void classesReadClassIds() {
        // 3 of 4 right.
        MetricSet metrics = MetricFamily.CLASSES.compute(new double[] {0, 1, 2, 2}, new double[] {0, 1, 2, 1});

        assertThat(metrics.get(Metric.ACCURACY)).isCloseTo(0.75, within(1e-12));
        assertThat(MetricFamily.CLASSES.reports("accuracy")).isTrue();
        assertThat(MetricFamily.CLASSES.reports("mae")).isFalse();
    }

    @Test
    void polarityDropsTrueNeutralsAndCountsNeutralPredictionsAsErrors() {
        // Truth: neg, neu, pos, pos, neg; predicted: neg, pos, neu, pos, pos. Polar samples: 0, 2, 3, 4, of which
        // 0 and 3 are right: Acc-2 non-0 = 2/4. Weighted F1 over the polar samples: class 0 (support 2) has TP 1,
        // predicted 1, actual 2 -> 2/3; class 2 (support 2) has TP 1, predicted 2, actual 2 -> 1/2; the neutral
        // prediction has no support. (2·2/3 + 2·1/2) / 4 = 7/12.
        MetricSet metrics = MetricFamily.POLARITY.compute(new double[] {0, 2, 1, 2, 2}, new double[] {0, 1, 2, 2, 0});

        assertThat(metrics.get(Metric.ACC2_NON0)).isCloseTo(0.5, within(1e-12));
        assertThat(metrics.get(Metric.F1_NON0)).isCloseTo(7.0 / 12, within(1e-12));
        assertThat(metrics.get(Metric.ACCURACY)).isCloseTo(0.4, within(1e-12));
    }
}
