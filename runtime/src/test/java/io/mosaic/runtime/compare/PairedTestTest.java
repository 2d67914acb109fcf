package io.mosaic.runtime.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PairedTestTest {

    @Test
    void threeSeedsMatchStudentsTWithTwoDegreesOfFreedom() {
        // d = {1, 2, 3}: mean 2, s_d = 1, t = 2 / (1 / √3) = 2√3. With 2 degrees of freedom the two-sided p-value
        // has the closed form 1 − t / √(t² + 2) = 0.0741799... (scipy.stats.ttest_rel agrees).
        PairedTest test = PairedTest.of(List.of(0.0, 0.0, 0.0), List.of(1.0, 2.0, 3.0));

        double t = 2 * Math.sqrt(3);
        assertThat(test.meanDifference()).isEqualTo(2.0);
        assertThat(test.pValue()).isCloseTo(1 - t / Math.sqrt(t * t + 2), within(1e-9))
                .isCloseTo(0.0741799, within(1e-7));
        assertThat(test.note()).isNull();
    }

    @Test
    void aMetricUndefinedOnSomeSeedHasNoPValue() {
        // corr of a seed whose model predicts one value is NaN, as MMSA's np.corrcoef gives it
        PairedTest test = PairedTest.of(List.of(0.5, 0.6, 0.7), List.of(0.4, Double.NaN, 0.9));

        assertThat(test.meanDifference()).isNaN();
        assertThat(test.pValue()).isNull();
        assertThat(test.note()).isEqualTo("the metric is undefined (NaN) on some seed");
    }

    @Test
    void twoSeedsMatchTheCauchyClosedForm() {
        // d = {1, 3} − {0.5, 0.5} = {0.5, 2.5}: mean 1.5, s_d = √2, t = 1.5 / 1 = 1.5; with 1 degree of freedom
        // p = 1 − (2/π) atan(|t|).
        PairedTest test = PairedTest.of(List.of(0.5, 0.5), List.of(1.0, 3.0));

        assertThat(test.meanDifference()).isEqualTo(1.5);
        assertThat(test.pValue()).isCloseTo(1 - 2 / Math.PI * Math.atan(1.5), within(1e-9));
    }

    @Test
    void theDifferenceIsCandidateMinusReference() {
        PairedTest test = PairedTest.of(List.of(1.0, 2.0, 3.0), List.of(0.0, 0.0, 0.0));

        assertThat(test.meanDifference()).isEqualTo(-2.0);
        assertThat(test.pValue()).isCloseTo(0.0741799, within(1e-7));
    }

    @Test
    void oneSeedHasNoPValueAndSaysWhy() {
        PairedTest test = PairedTest.of(List.of(0.25), List.of(0.75));

        assertThat(test.meanDifference()).isEqualTo(0.5);
        assertThat(test.pValue()).isNull();
        assertThat(test.note()).contains("at least two seeds");
    }

    @Test
    void identicalDifferencesHaveNoPValueAndSayWhy() {
        PairedTest test = PairedTest.of(List.of(1.0, 2.0), List.of(1.0, 2.0));

        assertThat(test.meanDifference()).isZero();
        assertThat(test.pValue()).isNull();
        assertThat(test.note()).contains("same on every seed");
    }

    @Test
    void unpairedListsAreRefused() {
        assertThatThrownBy(() -> PairedTest.of(List.of(1.0, 2.0), List.of(1.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("found 2 and 1");
    }
}
