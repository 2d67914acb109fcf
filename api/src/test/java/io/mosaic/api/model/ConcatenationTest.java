package io.mosaic.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConcatenationTest {
    private final NDManager manager = NDManager.newBaseManager();

    @AfterEach
    void close() {
        manager.close();
    }

    /** d/dw of sum(3 w · c) over the concatenation of {@code copies} parts made from w: 3 per copy. */
    private float[] gradientThrough(int copies) {
        NDArray w = manager.create(new float[] {1, 2});
        w.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList parts = new NDList();
            for (int i = 0; i < copies; i++) {
                parts.add(w.mul(3).reshape(1, 2));
            }
            NDArray joined = Concatenation.of(parts, 0);
            assertThat(joined.getShape()).isEqualTo(new Shape(copies, 2));
            collector.backward(joined.sum());
        }
        return w.getGradient().toFloatArray();
    }

    @Test
    void aSinglePartKeepsItsGradientWhereDjlsConcatDropsIt() {
        assertThat(gradientThrough(1)).containsExactly(3f, 3f);
        assertThat(gradientThrough(3)).containsExactly(9f, 9f);
    }

    @Test
    void joinsAlongTheAxisInOrder() {
        NDArray a = manager.create(new float[] {1, 2}, new Shape(1, 2));
        NDArray b = manager.create(new float[] {3, 4, 5, 6}, new Shape(1, 4));

        assertThat(Concatenation.of(new NDList(a, b), 1).toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThatThrownBy(() -> Concatenation.of(new NDList(), 1)).hasMessage("nothing to concatenate");
    }
}
