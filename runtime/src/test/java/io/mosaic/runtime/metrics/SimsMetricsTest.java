package io.mosaic.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SimsMetricsTest {

    private static final double EXACT = 1e-15;

    // Clipped to [-1, 1]: p = 1.0 0 -0.1 0.1 -0.9 0.7 -0.4 0.5;  y = 0.8 0.2 -0.05 0.6 -1.0 0.75 0.3 -0.3
    //                                          row: 0     1     2    3     4    5     6    7
    private static final double[] PREDICTIONS = {1.7, 0.0, -0.1, 0.1, -0.9, 0.7, -0.4, 0.5};
    private static final double[] TARGETS = {0.8, 0.2, -0.05, 0.6, -2.0, 0.75, 0.3, -0.3};

    @Test
    void returnsTheMmsaKeysInOrder() {
        assertThat(SimsMetrics.compute(PREDICTIONS, TARGETS).metrics()).containsExactly(
                Metric.SIMS_ACC2, Metric.SIMS_ACC3, Metric.SIMS_ACC5, Metric.SIMS_F1, Metric.SIMS_MAE,
                Metric.SIMS_CORR);
    }

    @Test
    void binsAreHalfOpenWithEdgeValuesInTheLowerBin() {
        // 2 bins (<= 0, > 0):             p 1 0 0 1 0 1 0 1;  y 1 1 0 1 0 1 1 0 -> rows 0 2 3 4 5 agree: 5/8
        //   (row 1: a prediction of exactly 0 is negative)
        // 3 bins (edges -0.1, 0.1):       p 2 1 0 1 0 2 0 2;  y 2 2 1 2 0 2 2 0 -> rows 0 4 5 agree: 3/8
        //   (row 2: -0.1 is in (-1.01, -0.1]; row 3: 0.1 is in (-0.1, 0.1])
        // 5 bins (edges -0.7 -0.1 0.1 0.7): p 4 2 1 2 0 3 1 3; y 4 3 2 3 0 4 3 1 -> rows 0 4 agree: 2/8
        //   (row 5: 0.7 is in (0.1, 0.7])
        MetricSet metrics = SimsMetrics.compute(PREDICTIONS, TARGETS);
        assertThat(metrics.get(Metric.SIMS_ACC2)).isCloseTo(5.0 / 8, within(EXACT));
        assertThat(metrics.get(Metric.SIMS_ACC3)).isCloseTo(3.0 / 8, within(EXACT));
        assertThat(metrics.get(Metric.SIMS_ACC5)).isCloseTo(2.0 / 8, within(EXACT));
    }

    @Test
    void f1IsTheWeightedF1OfTheTwoClassBins() {
        // class 1: predicted 4 (rows 0 3 5 7), actual 5 (rows 0 1 3 5 6), TP 3 -> F1 = 6/9 = 2/3
        // class 0: predicted 4 (rows 1 2 4 6), actual 3 (rows 2 4 7),     TP 2 -> F1 = 4/7
        // weighted = (5 * 2/3 + 3 * 4/7) / 8 = (10/3 + 12/7) / 8 = (106/21) / 8 = 53/84
        assertThat(SimsMetrics.compute(PREDICTIONS, TARGETS).get(Metric.SIMS_F1)).isCloseTo(53.0 / 84, within(EXACT));
    }

    @Test
    void maeAndCorrelationUseClippedScores() {
        // |p - y| clipped: 0.2 0.2 0.05 0.5 0.1 0.05 0.7 0.8 -> sum 2.6, MAE 0.325 (unclipped rows 0 and 4: 0.9, 1.1)
        // clipped sums: Σp = 0.9, Σy = 1.3, Σpy = 2.02, Σp² = 2.73, Σy² = 2.785, n = 8
        // Sxy = 2.02 - 0.9 * 1.3 / 8 = 1.87375;  Sxx = 2.73 - 0.81 / 8 = 2.62875;  Syy = 2.785 - 1.69 / 8 = 2.57375
        MetricSet metrics = SimsMetrics.compute(PREDICTIONS, TARGETS);
        assertThat(metrics.get(Metric.SIMS_MAE)).isCloseTo(0.325, within(1e-12));
        assertThat(metrics.get(Metric.SIMS_CORR)).isCloseTo(1.87375 / Math.sqrt(2.62875 * 2.57375), within(1e-12));
    }

    @Test
    void binsFloat32ValuesAsMmsaDoesWithNumpysFloat32Comparisons() {
        // The model's outputs and the labels are float32, as in MMSA, where `test_preds > ms_3[i]` compares a
        // float32 array with a Python float in float32. As doubles, float32(0.1) = 0.10000000149 > 0.1 and
        // float32(-0.7) = -0.69999998808 > -0.7; as floats both equal their edge and stay in the lower bin.
        // 3 bins: 0.1f -> 1 (neutral) and -0.7f -> 0, as 0.0 and -1.0 (with doubles: 2 and 0, Acc-3 1/2);
        // 5 bins: 0.1f -> 2 and -0.7f -> 0, as 0.0 and -1.0 (with doubles: 3 and 1, Acc-5 0)
        MetricSet metrics = SimsMetrics.compute(new double[] {0.1f, -0.7f}, new double[] {0.0, -1.0});
        assertThat(metrics.get(Metric.SIMS_ACC3)).isEqualTo(1.0);
        assertThat(metrics.get(Metric.SIMS_ACC5)).isEqualTo(1.0);
        // a float32 label of 0.1 is neutral too: a prediction of 0 agrees with it in 3 bins
        assertThat(SimsMetrics.compute(new double[] {0.0}, new double[] {0.1f}).get(Metric.SIMS_ACC3)).isEqualTo(1.0);
    }

    @Test
    void correlationOfConstantPredictionsIsNaNAsNumpysCorrcoefGivesIt() {
        // MMSA: corr = np.corrcoef(test_preds, test_truth)[0][1] on the clipped values; 1.5 and 2.0 both clip to 1
        MetricSet metrics = SimsMetrics.compute(new double[] {1.5, 2.0, 1.0}, new double[] {0.2, -0.4, 0.8});
        assertThat(metrics.get(Metric.SIMS_CORR)).isNaN();
        assertThat(metrics.get(Metric.SIMS_MAE)).isCloseTo((0.8 + 1.4 + 0.2) / 3, within(1e-12));
    }

    @Test
    void rejectsMismatchedInput() {
        assertThatThrownBy(() -> SimsMetrics.compute(new double[] {0.1}, new double[] {0.1, 0.2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 predictions and 2 targets");
    }
}
