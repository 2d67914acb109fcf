package io.mosaic.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class FeaturesTest {

    @Test
    void paddingZeroedSetsEveryStepAtOrAfterTheLengthToExactlyZeroEvenNan() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // two samples, three steps of width 2; lengths 2 and 1
            NDArray values = manager.create(new float[] {1, 2, 3, 4, Float.NaN, -6, 7, 8, -9, Float.NEGATIVE_INFINITY,
                    11, 12}, new Shape(2, 3, 2));
            Features features = Features.sequence(values, manager.create(new long[] {2, 1}));

            NDArray zeroed = features.paddingZeroed();

            assertThat(zeroed.getShape()).isEqualTo(new Shape(2, 3, 2));
            assertThat(zeroed.toFloatArray()).containsExactly(1, 2, 3, 4, 0, 0, 7, 8, 0, 0, 0, 0);
            assertThat(Float.floatToRawIntBits(zeroed.toFloatArray()[5])).isZero(); // +0.0 where -6 was
            assertThat(features.paddingZeroed(features.mask()).toFloatArray())
                    .as("with the mask the caller holds").containsExactly(1, 2, 3, 4, 0, 0, 7, 8, 0, 0, 0, 0);
        }
    }

    @Test
    void pooledFeaturesHaveNoPaddingAndComeBackAsTheyAre() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray values = manager.create(new float[] {1, -2, 3, 4}, new Shape(2, 2));
            assertThat(Features.pooled(values).paddingZeroed()).isSameAs(values);
        }
    }

    @Test
    void valuesZeroedInPaddingByTheirMakerAreHandedOverWithoutAnotherSelect() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray lengths = manager.create(new long[] {2, 1});
            Features input = Features.sequence(manager.zeros(new Shape(2, 3, 2)), lengths);
            NDArray made = manager.create(new float[] {1, 2, 3, 4, Float.NaN, -6, 7, 8, -9, Float.POSITIVE_INFINITY,
                    11, 12}, new Shape(2, 3, 2));

            Features output = input.withValuesPaddingZeroed(made);

            assertThat(input.paddingZero()).isFalse();
            assertThat(output.paddingZero()).isTrue();
            assertThat(output.lengths()).isSameAs(lengths);
            assertThat(output.values().toFloatArray()).containsExactly(1, 2, 3, 4, 0, 0, 7, 8, 0, 0, 0, 0);
            assertThat(output.paddingZeroed()).isSameAs(output.values());
            assertThat(output.paddingZeroed(output.mask())).isSameAs(output.values());
            Features withMask = input.withValuesPaddingZeroed(made, input.mask());
            assertThat(withMask.paddingZero()).isTrue();
            assertThat(withMask.values().toFloatArray()).containsExactly(1, 2, 3, 4, 0, 0, 7, 8, 0, 0, 0, 0);
        }
    }

    @Test
    void otherValuesLoseTheMarkAndAreZeroedAgainWhenAsked() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Features zeroed = Features.sequence(manager.zeros(new Shape(1, 2, 1)), manager.create(new long[] {1}))
                    .withValuesPaddingZeroed(manager.create(new float[] {5, 6}, new Shape(1, 2, 1)));

            Features changed = zeroed.withValues(manager.create(new float[] {5, Float.NaN}, new Shape(1, 2, 1)));

            assertThat(changed.paddingZero()).isFalse();
            assertThat(changed.paddingZeroed().toFloatArray()).containsExactly(5, 0);
        }
    }
}
