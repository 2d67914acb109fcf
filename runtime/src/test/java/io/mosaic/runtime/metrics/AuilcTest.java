package io.mosaic.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AuilcTest {

    @Test
    void elevenRatesGiveCidersFormula() {
        double[] rates = {0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
        double[] accuracy = {0.80, 0.78, 0.75, 0.70, 0.66, 0.62, 0.58, 0.55, 0.52, 0.50, 0.50};
        // 0.1 * (0.80/2 + 0.78 + 0.75 + 0.70 + 0.66 + 0.62 + 0.58 + 0.55 + 0.52 + 0.50 + 0.50/2) = 0.1 * 6.31
        assertThat(Auilc.of(rates, accuracy)).isCloseTo(0.631, within(1e-12));
    }

    @Test
    void aConstantCurveHasItsValueTimesTheSpan() {
        assertThat(Auilc.of(new double[] {0.2, 0.5, 0.6}, new double[] {0.7, 0.7, 0.7})).isCloseTo(0.28,
                within(1e-12));
    }

    @Test
    void unevenSpacingWeighsEachTrapezoidByItsWidth() {
        // (0.5 - 0) * (1 + 0.5) / 2 + (1 - 0.5) * (0.5 + 0) / 2 = 0.375 + 0.125
        assertThat(Auilc.of(new double[] {0, 0.5, 1}, new double[] {1, 0.5, 0})).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void ratesMustIncreaseAndPairWithValues() {
        assertThatThrownBy(() -> Auilc.of(new double[] {0, 0}, new double[] {1, 1}))
                .hasMessage("rates must increase, got 0.0 then 0.0");
        assertThatThrownBy(() -> Auilc.of(new double[] {0}, new double[] {1}))
                .hasMessageContaining("at least two rates");
        assertThatThrownBy(() -> Auilc.of(new double[] {0, 1}, new double[] {1}))
                .hasMessageContaining("2 rates and 1 values");
    }
}
