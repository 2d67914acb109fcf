package io.mosaic.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class F1ScoresTest {

    private static final double EXACT = 1e-15;

    // Class 3 is only ever predicted.
    private static final int[] PREDICTED = {0, 1, 1, 1, 2, 2, 3};
    private static final int[] ACTUAL = {0, 0, 1, 1, 1, 2, 2};

    // Per class (TP, predicted, actual) -> F1 = 2 TP / (predicted + actual):
    //   0: (1, 1, 2) -> 2/3;  1: (2, 3, 3) -> 4/6 = 2/3;  2: (1, 2, 2) -> 2/4 = 1/2;  3: (0, 1, 0) -> 0

    @Test
    void weightedAveragesPerClassF1BySupportOfTheTrueClass() {
        // (2 * 2/3 + 3 * 2/3 + 2 * 1/2 + 0 * 0) / 7 = (13/3) / 7 = 13/21
        assertThat(F1Scores.weighted(PREDICTED, ACTUAL)).isCloseTo(13.0 / 21, within(EXACT));
    }

    @Test
    void weightedIsNotSymmetricInItsArguments() {
        // Swapped, the weights are the predicted counts: (1 * 2/3 + 3 * 2/3 + 2 * 1/2 + 1 * 0) / 7 = 11/21
        assertThat(F1Scores.weighted(ACTUAL, PREDICTED)).isCloseTo(11.0 / 21, within(EXACT));
    }

    @Test
    void macroAveragesOverClassesSeenInEitherArray() {
        // (2/3 + 2/3 + 1/2 + 0) / 4 = (11/6) / 4 = 11/24
        assertThat(F1Scores.macro(PREDICTED, ACTUAL)).isCloseTo(11.0 / 24, within(EXACT));
    }

    @Test
    void macroSkipsIdsAbsentFromBothArrays() {
        // Class 1 never occurs: the mean is over classes 0 and 2 only, both perfect (2/3 if class 1 counted).
        assertThat(F1Scores.macro(new int[] {0, 2}, new int[] {0, 2})).isEqualTo(1.0);
    }

    @Test
    void aTrueClassNeverPredictedHasF1Zero() {
        // class 0: TP 1, predicted 2, actual 1 -> 2/3;  class 1: TP 0, predicted 0, actual 1 -> 0
        // weighted = (1 * 2/3 + 1 * 0) / 2 = 1/3
        assertThat(F1Scores.weighted(new int[] {0, 0}, new int[] {0, 1})).isCloseTo(1.0 / 3, within(EXACT));
    }

    @Test
    void rejectsNegativeIds() {
        assertThatThrownBy(() -> F1Scores.weighted(new int[] {0, -1}, new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("predicted[1] must be a class id >= 0, found -1");
    }
}
