package org.example.mosaic.tfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.Taps;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The component outside the framework: its math, its size and its refusals. */
class TensorFusionTest {
    private final TensorFusionFactory factory = new TensorFusionFactory();
    private NDManager manager;
    private BuildContext context;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
        context = () -> manager;
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Fusion build(int dim, Map<String, FeatureShape> inputs) {
        return factory.create(Parameters.of(factory.parameters(), Map.of("dim", dim)), inputs, context);
    }

    @Test
    void theTensorHoldsEveryProductOfTheExtendedInputs() {
        Map<String, FeatureShape> shapes = new LinkedHashMap<>();
        shapes.put("text", FeatureShape.vector(2));
        shapes.put("audio", FeatureShape.vector(1));
        Fusion fusion = build(3, shapes);
        Map<String, Features> inputs = new LinkedHashMap<>();
        inputs.put("text", Features.pooled(manager.create(new float[] {2, 3}, new Shape(1, 2))));
        inputs.put("audio", Features.pooled(manager.create(new float[] {5}, new Shape(1, 1))));
        Taps taps = new Taps();

        fusion.forward(new ParameterStore(manager, false), inputs, taps.scoped("fusion"), false);

        // [2, 3, 1] ⊗ [5, 1] = [10, 2, 15, 3, 5, 1]: t·a, t, and the constant's products.
        assertThat(taps.get("fusion.tensor").toFloatArray()).containsExactly(10, 2, 15, 3, 5, 1);
    }

    @Test
    void theLayerIsReluOfAnAffineMapOfTheTensor() {
        Map<String, FeatureShape> shapes = Map.of("text", FeatureShape.vector(1));
        Fusion fusion = build(2, shapes);
        for (Pair<String, Parameter> parameter : fusion.getParameters()) {
            NDArray array = parameter.getValue().getArray();
            // weight [[1, 0], [-1, 0]] and bias [0, 1]: outputs relu(x) and relu(1 - x) for the tensor [x, 1].
            array.set(parameter.getKey().endsWith("weight") ? new float[] {1, 0, -1, 0} : new float[] {0, 1});
        }
        Map<String, Features> inputs = Map.of("text",
                Features.pooled(manager.create(new float[] {3, -3}, new Shape(2, 1))));

        NDArray fused = fusion.forward(new ParameterStore(manager, false), inputs, new Taps(), false).values();

        assertThat(fused.toFloatArray()).containsExactly(3, 0, 0, 4);
    }

    @Test
    void itHasTheClosedFormParameterCount() {
        Map<String, FeatureShape> shapes = new LinkedHashMap<>();
        shapes.put("text", FeatureShape.vector(32));
        shapes.put("audio", FeatureShape.vector(16));
        shapes.put("vision", FeatureShape.vector(16));
        Fusion fusion = build(32, shapes);

        long count = 0;
        for (Pair<String, Parameter> parameter : fusion.getParameters()) {
            count += parameter.getValue().getArray().size();
        }
        // (32 + 1)(16 + 1)(16 + 1) inputs to a 32-wide layer with bias.
        assertThat(count).isEqualTo(33L * 17 * 17 * 32 + 32);
        assertThat(fusion.output()).isEqualTo(FeatureShape.vector(32));
    }

    @Test
    void aSequenceInputIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> build(8, Map.of("text", FeatureShape.sequence(5, 4))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("input 'text' is a sequence 5x4; end its encoder chain with a pooling encoder");
    }
}
