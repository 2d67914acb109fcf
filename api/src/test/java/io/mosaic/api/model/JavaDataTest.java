package io.mosaic.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class JavaDataTest {

    @Test
    void anArrayHoldsTheValuesInItsShapeAndType() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray singles = JavaData.array(manager, new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3), DataType.FLOAT32);
            NDArray doubles = JavaData.array(manager, new float[] {0.5f, -2}, new Shape(2), DataType.FLOAT64);

            assertThat(singles.getShape()).isEqualTo(new Shape(2, 3));
            assertThat(singles.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(singles.toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
            assertThat(doubles.getDataType()).isEqualTo(DataType.FLOAT64);
            assertThat(doubles.toDoubleArray()).containsExactly(0.5, -2);
            assertThat(singles.getManager()).isSameAs(manager);
        }
    }

    /**
     * x ⊙ w with w made inside a released computation, closed when it returns, and the collector run before backward:
     * ∂/∂x reads w, which must still hold its values (an array over a Java buffer would not: the collector frees it).
     */
    @Test
    void aProductsGradientReadsTheValuesAfterTheArrayIsReleasedAndTheCollectorRan() throws InterruptedException {
        float[] weights = {0.5f, -1.5f, 2f, 3f, 0.25f, -4f, 8f, 1f};
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int round = 0; round < 3; round++) {
                NDArray x = manager.create(new float[weights.length]);
                x.setRequiresGradient(true);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = Temporaries.released(() -> x.mul(JavaData.array(manager, weights,
                            new Shape(weights.length), DataType.FLOAT32)).sum());
                    for (int i = 0; i < 3; i++) {
                        System.gc();
                        Thread.sleep(20);
                    }
                    collector.backward(loss);
                }
                assertThat(x.getGradient().toFloatArray()).containsExactly(weights);
            }
        }
    }
}
