package io.mosaic.runtime.data.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void pearsonMatchesAHandComputedCase() {
        // dx = (−1.5, −0.5, 0.5, 1.5), dy = (−3, −1, 0, 4): Σdxdy = 11, Σdx² = 5, Σdy² = 26.
        double r = Statistics.pearson(new double[] {1, 2, 3, 4}, new double[] {2, 4, 5, 9});

        assertThat(r).isCloseTo(11 / Math.sqrt(130), within(1e-12));
    }

    @Test
    void pearsonIsOneForALinearIncreaseAndMinusOneForADecrease() {
        double[] x = {1, 2, 3};

        assertThat(Statistics.pearson(x, new double[] {2, 4, 6})).isCloseTo(1, within(1e-12));
        assertThat(Statistics.pearson(x, new double[] {5, 3, 1})).isCloseTo(-1, within(1e-12));
    }

    @Test
    void pearsonRejectsSeriesOfDifferentLengths() {
        assertThatThrownBy(() -> Statistics.pearson(new double[] {1, 2}, new double[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 and 3");
    }

    @Test
    void coefficientOfVariationUsesThePopulationDeviation() {
        // mean 2, population deviation 1.
        assertThat(Statistics.coefficientOfVariation(new double[] {1, 3})).isCloseTo(0.5, within(1e-12));
        assertThat(Statistics.coefficientOfVariation(new double[] {4, 4, 4})).isZero();
    }
}
