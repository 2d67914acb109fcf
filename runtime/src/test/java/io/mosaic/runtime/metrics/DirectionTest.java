package io.mosaic.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
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

    @Test
    void theBestOfSeveralValuesIsTheLargestOrTheSmallestByDirection() {
        List<Double> values = List.of(0.71, 0.93, 0.64, 0.88);

        assertThat(Direction.HIGHER_IS_BETTER.best(values)).containsExactly(1);
        assertThat(Direction.LOWER_IS_BETTER.best(values)).containsExactly(2);
    }

    @Test
    void tiedBestValuesAreAllBestAndUndefinedOnesNever() {
        List<Double> values = Arrays.asList(null, 0.5, Double.NaN, 0.5, 0.25);

        assertThat(Direction.HIGHER_IS_BETTER.best(values)).containsExactly(1, 3);
        assertThat(Direction.LOWER_IS_BETTER.best(values)).containsExactly(4);
        assertThat(Direction.HIGHER_IS_BETTER.best(Arrays.asList(null, Double.NaN))).isEmpty();
        assertThat(Direction.LOWER_IS_BETTER.best(List.of())).isEmpty();
    }
}
