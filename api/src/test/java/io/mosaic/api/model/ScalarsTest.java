package io.mosaic.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class ScalarsTest {

    /**
     * The gradients of x·3, x/4 and max(x, 0.5) summed, with the garbage collector run between the forward and the
     * backward pass: DJL's Number overloads let it free the constants autograd still reads; these must not.
     */
    @Test
    void gradientsSurviveAGarbageCollectionBetweenForwardAndBackward() throws InterruptedException {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int round = 0; round < 5; round++) {
                NDArray x = manager.create(new float[] {0.25f, 1f, 2f});
                x.setRequiresGradient(true);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = Scalars.times(x, 3).add(Scalars.dividedBy(x, 4)).add(Scalars.atLeast(x, 0.5))
                            .sum();
                    // Churn direct buffers, then let the collector and the buffers' cleaner run.
                    for (int i = 0; i < 1000; i++) {
                        manager.create(new float[64]).close();
                    }
                    System.gc();
                    Thread.sleep(20);
                    collector.backward(loss);
                }
                // d/dx: 3 + 1/4 + (1 where x > 0.5, else 0).
                assertThat(x.getGradient().toFloatArray()).containsExactly(3.25f, 4.25f, 4.25f);
            }
        }
    }

    @Test
    void aConstantHasTheTypeManagerAndDeviceOfItsModel() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray like = manager.zeros(new Shape(2), DataType.FLOAT64);

            NDArray constant = Scalars.constant(like, 1.5);

            assertThat(constant.getShape()).isEqualTo(new Shape());
            assertThat(constant.getDataType()).isEqualTo(DataType.FLOAT64);
            assertThat(constant.getDouble()).isEqualTo(1.5);
            assertThat(constant.getManager()).isSameAs(like.getManager());
        }
    }

    @Test
    void keepOnlyZeroesWhatTheMaskDropsEvenNanAndPassesGradientsWhereItKeeps() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray values = manager.create(new float[] {1f, -2f, Float.NaN, 4f, -5f, Float.POSITIVE_INFINITY},
                    new Shape(2, 1, 3));
            NDArray keep = manager.create(new boolean[] {true, false}, new Shape(2, 1, 1));
            values.setRequiresGradient(true);
            NDArray kept;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                kept = Scalars.keepOnly(values, keep);
                collector.backward(kept.sum());
            }

            assertThat(kept.getShape()).isEqualTo(new Shape(2, 1, 3));
            assertThat(kept.toFloatArray()).containsExactly(1f, -2f, Float.NaN, 0f, 0f, 0f);
            assertThat(Float.floatToRawIntBits(kept.toFloatArray()[4])).isZero(); // +0.0, not -0.0
            assertThat(values.getGradient().toFloatArray()).containsExactly(1f, 1f, 1f, 0f, 0f, 0f);
        }
    }

    @Test
    void keepStepsZeroesTheStepsOfEachSampleThatTheMaskDrops() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray values = manager.create(new float[] {1, 2, -3, Float.NaN, 5, 6, 7, -8}, new Shape(2, 2, 2));
            NDArray steps = manager.create(new boolean[] {true, false, false, true}, new Shape(2, 2));

            NDArray kept = Scalars.keepSteps(values, steps);

            assertThat(kept.getShape()).isEqualTo(new Shape(2, 2, 2));
            assertThat(kept.toFloatArray()).containsExactly(1, 2, 0, 0, 0, 0, 7, -8);
        }
    }
}
