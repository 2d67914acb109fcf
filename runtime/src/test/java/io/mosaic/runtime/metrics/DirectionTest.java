package io.mosaic.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DirectionTest {

    @Test
    void higherIsBetterPrefersStrictlyLargerValues() {
        assertThat(Direction.HIGHER_IS_BETTER.isBetter(0.8, 0.7)).isTrue();
        assertThat(Direction.HIGHER_IS_BETTER.isBetter(0.7, 0.7)).isFalse();
        assertThat(Direction.HIGHER_IS_BETTER.isBetter(0.6, 0.7)).isFalse();
    }

    @Test
    void lowerIsBetterPrefersStrictlySmallerValues() {
        assertThat(Direction.LOWER_IS_BETTER.isBetter(0.6, 0.7)).isTrue();
        assertThat(Direction.LOWER_IS_BETTER.isBetter(0.7, 0.7)).isFalse();
        assertThat(Direction.LOWER_IS_BETTER.isBetter(0.8, 0.7)).isFalse();
    }

    @Test
    void undefinedValuesNeverWin() {
        for (Direction direction : Direction.values()) {
            assertThat(direction.isBetter(Double.NaN, 0.5)).isFalse();
            assertThat(direction.isBetter(0.5, Double.NaN)).isTrue();
            assertThat(direction.isBetter(Double.NaN, Double.NaN)).isFalse();
        }
    }
}
