package io.mosaic.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MosiMetricsTest {

    private static final double EXACT = 1e-15;

    //                                         row: 0     1    2    3    4     5    6     7    8    9
    private static final double[] PREDICTIONS = {2.6, -0.5, 0.0, 1.6, -2.5, 0.5, -3.4, 1.4, 0.3, 0.8};
    private static final double[] TARGETS = {3.0, 0.0, -1.0, 2.4, -1.6, -0.2, -2.2, 2.6, -0.7, 1.2};

    @Test
    void returnsTheMmsaMetricsPlusAcc3InOrder() {
        assertThat(MosiMetrics.compute(PREDICTIONS, TARGETS).metrics()).containsExactly(
                Metric.ACC2_HAS0, Metric.F1_HAS0, Metric.ACC2_NON0, Metric.F1_NON0,
                Metric.ACC3, Metric.ACC5, Metric.ACC7, Metric.MAE, Metric.CORR);
    }

    @Test
    void has0ComparesNonNegativeWithNegativeOverAllSamples() {
        // p >= 0: 1 0 1 1 0 1 0 1 1 1;  y >= 0: 1 1 0 1 0 0 0 1 0 1  -> rows 0 3 4 6 7 9 agree: 6/10.
        // class 1: predicted 7, actual 5, TP 4 (rows 0 3 7 9) -> F1 = 8/12 = 2/3
        // class 0: predicted 3, actual 5, TP 2 (rows 4 6)     -> F1 = 4/8  = 1/2
        // weighted F1 = (5 * 2/3 + 5 * 1/2) / 10 = 7/12
        MetricSet metrics = MosiMetrics.compute(PREDICTIONS, TARGETS);
        assertThat(metrics.get(Metric.ACC2_HAS0)).isCloseTo(6.0 / 10, within(EXACT));
        assertThat(metrics.get(Metric.F1_HAS0)).isCloseTo(7.0 / 12, within(EXACT));
    }

    @Test
    void non0DropsZeroTargetsAndCountsAZeroPredictionAsNegative() {
        // Row 1 (y = 0) is dropped; row 2 predicts exactly 0 against y = -1 and counts as a correct negative.
        // rows      0 2 3 4 5 6 7 8 9
        // p > 0:    1 0 1 0 1 0 1 1 1
        // y > 0:    1 0 1 0 0 0 1 0 1   -> all but rows 5 and 8 agree: 7/9
        // class 1: predicted 6, actual 4, TP 4 -> F1 = 8/10 = 4/5
        // class 0: predicted 3, actual 5, TP 3 -> F1 = 6/8  = 3/4
        // weighted F1 = (4 * 4/5 + 5 * 3/4) / 9 = (16/5 + 15/4) / 9 = (139/20) / 9 = 139/180
        MetricSet metrics = MosiMetrics.compute(PREDICTIONS, TARGETS);
        assertThat(metrics.get(Metric.ACC2_NON0)).isCloseTo(7.0 / 9, within(EXACT));
        assertThat(metrics.get(Metric.F1_NON0)).isCloseTo(139.0 / 180, within(EXACT));
    }

    @Test
    void multiClassAccuraciesClipThenRoundHalfToEven() {
        // row:          0  1   2  3   4   5   6   7  8   9
        // round(clip(p, 3)):  3 -0  0  2  -2  0  -3  1  0   1    (-0.5 -> -0, -2.5 -> -2, 0.5 -> 0)
        // round(clip(y, 3)):  3  0 -1  2  -2 -0  -2  3 -1   1    -> rows 0 1 3 4 5 9 agree: 6/10
        // round(clip(p, 2)):  2 -0  0  2  -2  0  -2  1  0   1
        // round(clip(y, 2)):  2  0 -1  2  -2 -0  -2  2 -1   1    -> rows 0 1 3 4 5 6 9 agree: 7/10
        // round(clip(p, 1)):  1 -0  0  1  -1  0  -1  1  0   1
        // round(clip(y, 1)):  1  0 -1  1  -1 -0  -1  1 -1   1    -> all but rows 2 and 8 agree: 8/10
        MetricSet metrics = MosiMetrics.compute(PREDICTIONS, TARGETS);
        assertThat(metrics.get(Metric.ACC7)).isCloseTo(6.0 / 10, within(EXACT));
        assertThat(metrics.get(Metric.ACC5)).isCloseTo(7.0 / 10, within(EXACT));
        assertThat(metrics.get(Metric.ACC3)).isCloseTo(8.0 / 10, within(EXACT));
    }

    @Test
    void maeAndCorrelationUseUnclippedScores() {
        // |p - y|: 0.4 0.5 1.0 0.8 0.9 0.7 1.2 1.2 1.0 0.4 -> sum 8.1, MAE 0.81 (clipping p[6] = -3.4 would change it)
        // sums: Σp = 0.8, Σy = 3.5, Σpy = 27.41, Σp² = 30.32, Σy² = 31.89, n = 10
        // Sxy = 27.41 - 0.8 * 3.5 / 10 = 27.13;  Sxx = 30.32 - 0.64 / 10 = 30.256;  Syy = 31.89 - 12.25 / 10 = 30.665
        MetricSet metrics = MosiMetrics.compute(PREDICTIONS, TARGETS);
        assertThat(metrics.get(Metric.MAE)).isCloseTo(0.81, within(1e-12));
        assertThat(metrics.get(Metric.CORR)).isCloseTo(27.13 / Math.sqrt(30.256 * 30.665), within(1e-12));
    }

    @Test
    void roundsHalfToEvenAtEveryTie() {
        // np.round: 2.5 -> 2, -0.5 -> -0 (equal to 0), 0.5 -> 0, -2.5 -> -2.
        double[] ties = {2.5, -0.5, 0.5, -2.5};
        double[] rounded = {2.0, 0.0, 0.0, -2.0};
        assertThat(MosiMetrics.compute(ties, rounded).get(Metric.ACC7)).isEqualTo(1.0);
        // Rounding half away from zero would give 3, -1, 1, -3 instead: no row agrees with these.
        double[] awayFromZero = {3.0, -1.0, 1.0, -3.0};
        assertThat(MosiMetrics.compute(ties, awayFromZero).get(Metric.ACC7)).isEqualTo(0.0);
    }

    @Test
    void non0IsNaNWhenEveryTargetIsZero() {
        // No sample has y != 0, so Non0 is undefined; Has0: p >= 0 gives 1 0 against 1 1 -> 1/2.
        MetricSet metrics = MosiMetrics.compute(new double[] {0.3, -0.2}, new double[] {0.0, 0.0});
        assertThat(metrics.get(Metric.ACC2_NON0)).isNaN();
        assertThat(metrics.get(Metric.F1_NON0)).isNaN();
        assertThat(metrics.get(Metric.ACC2_HAS0)).isEqualTo(0.5);
        // constant targets: np.corrcoef gives NaN, and so does MMSA's Corr
        assertThat(metrics.get(Metric.CORR)).isNaN();
    }

    @Test
    void rejectsEmptyMismatchedAndNonFiniteInput() {
        assertThatThrownBy(() -> MosiMetrics.compute(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one sample");
        assertThatThrownBy(() -> MosiMetrics.compute(new double[] {1, 2, 3}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same length").hasMessageContaining("3 predictions and 2 targets");
        assertThatThrownBy(() -> MosiMetrics.compute(new double[] {1, Double.NaN}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("predictions[1] must be finite");
        assertThatThrownBy(() -> MosiMetrics.compute(null, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("predictions must be an array");
    }

    @Test
    void keepsFullPrecision() {
        // 1/3 of the rows agree on Acc-7; MMSA would display 0.3333, Mosaic keeps the double.
        MetricSet metrics = MosiMetrics.compute(new double[] {1, 2, 3}, new double[] {1, -2, -3});
        assertThat(metrics.get(Metric.ACC7)).isEqualTo(1.0 / 3);
    }
}
