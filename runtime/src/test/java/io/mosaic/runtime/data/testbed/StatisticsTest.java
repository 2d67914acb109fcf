package io.mosaic.runtime.data.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void coefficientOfVariationUsesThePopulationDeviation() {
        // mean 2, population deviation 1.
        assertThat(Statistics.coefficientOfVariation(new double[] {1, 3})).isCloseTo(0.5, within(1e-12));
        assertThat(Statistics.coefficientOfVariation(new double[] {4, 4, 4})).isZero();
    }
}
