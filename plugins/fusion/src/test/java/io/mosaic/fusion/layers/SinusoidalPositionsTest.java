package io.mosaic.fusion.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mosaic.api.model.FeatureShape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SinusoidalPositionsTest {
    private static final float SIN1 = (float) Math.sin(1);
    private static final float COS1 = (float) Math.cos(1);

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** Two blocks of 2 and 1 steps, width 2: pe = (sin t, cos t) with t restarting at 0 in each block. */
    private static BlockLayout layout() {
        Map<String, FeatureShape> shapes = new LinkedHashMap<>();
        shapes.put("text", FeatureShape.sequence(2, 2));
        shapes.put("audio", FeatureShape.sequence(1, 2));
        return BlockLayout.of("test", shapes);
    }

    private NDArray input() {
        return manager.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(1, 3, 2));
    }

    @Test
    void addsTheCodesToTheInputAsItIsAsCidersCodeDoes() {
        float[] actual = new SinusoidalPositions(layout(), false).apply(input()).toFloatArray();

        // rows: text t=0 (1,2)+(0,1); text t=1 (3,4)+(sin 1, cos 1); audio t=0 (5,6)+(0,1)
        assertThat(actual).containsExactly(new float[] {1, 3, 3 + SIN1, 4 + COS1, 5, 7}, within(1e-6f));
    }

    @Test
    void scalesTheInputBySqrtDFirstWhenAsked() {
        float[] actual = new SinusoidalPositions(layout(), true).apply(input()).toFloatArray();

        float r = (float) Math.sqrt(2);
        assertThat(actual).containsExactly(new float[] {r, 2 * r + 1, 3 * r + SIN1, 4 * r + COS1, 5 * r, 6 * r + 1},
                within(1e-5f));
    }
}
