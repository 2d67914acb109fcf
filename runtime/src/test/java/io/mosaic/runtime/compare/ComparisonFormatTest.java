package io.mosaic.runtime.compare;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ComparisonFormatTest {

    @Test
    void aMeanAndStdHaveFourDecimals() {
        assertThat(ComparisonFormat.meanStd(0.123456, 0.00005)).isEqualTo("0.1235 ± 0.0001");
    }

    @Test
    void aPairedTestShowsItsPValueOrThatItHasNone() {
        assertThat(ComparisonFormat.pValue(new PairedTest(0.1, 0.04321, null))).isEqualTo("p 0.043");
        assertThat(ComparisonFormat.pValue(new PairedTest(0.1, null, "one seed"))).isEqualTo("p n/a");
    }

    @Test
    void aDifferenceCarriesItsSign() {
        assertThat(ComparisonFormat.difference(new PairedTest(0.01234, null, null))).isEqualTo("Δ +0.0123");
        assertThat(ComparisonFormat.difference(new PairedTest(-0.5, null, null))).isEqualTo("Δ -0.5000");
    }

    @Test
    void costsAreRoundedForReading() {
        assertThat(ComparisonFormat.parameters(1234567)).isEqualTo("1,234,567");
        assertThat(ComparisonFormat.secondsPerEpoch(0.12345)).isEqualTo("0.123");
        assertThat(ComparisonFormat.samplesPerSecond(640.06)).isEqualTo("640.1");
        assertThat(ComparisonFormat.megabytes(511.6)).isEqualTo("512");
        assertThat(ComparisonFormat.megabytes(Double.NaN)).isEqualTo("n/a");
    }
}
