package io.mosaic.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScoreStatisticsTest {

    @Test
    void meanAbsoluteError() {
        // (|1 - 2| + |-1 - 1| + |0.5 - 0.5|) / 3 = 3/3 = 1
        assertThat(ScoreStatistics.meanAbsoluteError(new double[] {1, -1, 0.5}, new double[] {2, 1, 0.5}))
                .isEqualTo(1.0);
    }

    @Test
    void pearsonOfASmallCase() {
        // p = 1 2 3, y = 1 3 2: deviations -1 0 1 and -1 1 0 -> Sxy = 1, Sxx = 2, Syy = 2, r = 1 / 2
        assertThat(ScoreStatistics.pearson(new double[] {1, 2, 3}, new double[] {1, 3, 2}))
                .isCloseTo(0.5, within(1e-15));
    }

    @Test
    void pearsonOfExactlyLinearDataIsOneOrMinusOne() {
        assertThat(ScoreStatistics.pearson(new double[] {0.1, 0.2, 0.7}, new double[] {0.3, 0.5, 1.5}))
                .isCloseTo(1.0, within(1e-15)).isLessThanOrEqualTo(1.0);
        assertThat(ScoreStatistics.pearson(new double[] {0.1, 0.2, 0.7}, new double[] {-0.3, -0.5, -1.5}))
                .isCloseTo(-1.0, within(1e-15)).isGreaterThanOrEqualTo(-1.0);
    }

    @Test
    void pearsonIsNaNWhenEitherSideIsConstantAsNumpysCorrcoefGivesIt() {
        // MMSA's metricsTop: corr = np.corrcoef(test_preds, test_truth)[0][1], NaN (0/0) for a constant side.
        // The mean of 0.1 0.1 0.1 is not exactly 0.1 in doubles; constancy is detected before it is used.
        assertThat(ScoreStatistics.pearson(new double[] {0.1, 0.1, 0.1}, new double[] {1, 2, 4})).isNaN();
        assertThat(ScoreStatistics.pearson(new double[] {1, 2, 4}, new double[] {-0.0, 0.0, 0.0})).isNaN();
        assertThat(ScoreStatistics.pearson(new double[] {3}, new double[] {2})).isNaN();
    }
}
