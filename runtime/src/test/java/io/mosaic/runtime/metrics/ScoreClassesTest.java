package io.mosaic.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScoreClassesTest {

    @Test
    void roundedClipsRoundsHalfToEvenAndShiftsToNonNegativeIds() {
        // clip to [-3, 3], rint, + 3:
        //   2.5 -> 2 -> 5;  -0.5 -> -0 -> 3;  0.5 -> 0 -> 3;  1.5 -> 2 -> 5;  -2.5 -> -2 -> 1;
        //   3.7 -> 3 -> 6;  -9 -> -3 -> 0
        assertThat(ScoreClasses.rounded(new double[] {2.5, -0.5, 0.5, 1.5, -2.5, 3.7, -9}, 3))
                .containsExactly(5, 3, 3, 5, 1, 6, 0);
    }

    @Test
    void binnedCountsTheEdgesStrictlyBelow() {
        // edges -0.1, 0.1: (.., -0.1] -> 0, (-0.1, 0.1] -> 1, (0.1, ..) -> 2
        double[] scores = {-1, -0.1, -0.0999, 0, 0.1, 0.1001, 1};
        assertThat(ScoreClasses.binned(scores, new float[] {-0.1f, 0.1f})).containsExactly(0, 0, 1, 1, 1, 2, 2);
    }

    @Test
    void thresholdsPutZeroOnOppositeSides() {
        assertThat(ScoreClasses.nonNegative(new double[] {-0.1, 0, -0.0, 0.1})).containsExactly(0, 1, 1, 1);
        assertThat(ScoreClasses.positive(new double[] {-0.1, 0, -0.0, 0.1})).containsExactly(0, 0, 0, 1);
    }

    @Test
    void clipBoundsBothSides() {
        assertThat(ScoreClasses.clip(new double[] {-1.5, -0.2, 1.01}, 1)).containsExactly(-1, -0.2, 1);
    }
}
