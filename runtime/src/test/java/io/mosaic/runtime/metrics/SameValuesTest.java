package io.mosaic.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SameValuesTest {

    @Test
    void aFloat32LossAndTheDoubleMaeOfTheSamePredictionsAreTheSame() {
        // comparison.json of a tiny baseline run: test mae (double) and loss (the L1 objective in float32).
        assertThat(SameValues.same(1.0109844551067606, 1.0109844207763672)).isTrue();
        assertThat(SameValues.same(List.of(0.905697177137578, 0.8438297826529985),
                List.of(0.9056971867879232, 0.8438297907511393))).isTrue();
    }

    @Test
    void numbersThatDifferByMoreThanAMillionthAreNot() {
        assertThat(SameValues.same(1.0, 1.0000011)).isFalse();
        assertThat(SameValues.same(0.0, 1e-300)).isFalse();
        assertThat(SameValues.same(List.of(1.0, 2.0), List.of(1.0))).isFalse();
        assertThat(SameValues.same(List.of(0.5, 0.25), List.of(0.5, 0.2500003))).isFalse();
    }

    @Test
    void undefinedValuesAreOnlyTheSameAsUndefinedOnes() {
        assertThat(SameValues.same(Double.NaN, Double.NaN)).isTrue();
        assertThat(SameValues.same((Double) null, null)).isTrue();
        assertThat(SameValues.same(Double.NaN, 1.0)).isFalse();
        assertThat(SameValues.same((Double) null, Double.NaN)).isFalse();
        assertThat(SameValues.same(Arrays.asList(1.0, null), Arrays.asList(1.0, null))).isTrue();
    }
}
