package io.mosaic.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MedianTest {

    @Test
    void theMedianOfAnOddCountIsTheMiddleValue() {
        assertThat(Median.of(9.0, 1.0, 4.0)).isEqualTo(4.0);
        assertThat(Median.of(0.7)).isEqualTo(0.7);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Median.of(10.0, 1.0, 3.0, 2.0)).isEqualTo(2.5);
        assertThat(Median.of(0.9, 0.2, 0.5, 0.4)).isEqualTo(0.45, within(1e-12));
    }

    @Test
    void theMedianOfNothingIsRefusedAndTheValuesAreLeftInTheirOrder() {
        assertThatThrownBy(Median::of).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one value");
        double[] values = {3.0, 1.0, 2.0};
        Median.of(values);
        assertThat(values).containsExactly(3.0, 1.0, 2.0);
    }
}
