package io.mosaic.fusion.concat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
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

class ConcatFusionTest {
    private final ConcatFactory factory = new ConcatFactory();
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

    private Fusion build(Map<String, FeatureShape> inputs) {
        return factory.create(Parameters.defaults(factory.parameters()), inputs, context);
    }

    @Test
    void joinsTheInputsInTheOrderItWasBuiltWith() {
        Map<String, FeatureShape> shapes = new LinkedHashMap<>();
        shapes.put("vision", FeatureShape.vector(1));
        shapes.put("audio", FeatureShape.vector(2));
        Fusion concat = build(shapes);
        Map<String, Features> inputs = new LinkedHashMap<>();
        inputs.put("audio", Features.pooled(manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 2))));
        inputs.put("vision", Features.pooled(manager.create(new float[] {9, 8}, new Shape(2, 1))));

        Features joint = concat.forward(new ParameterStore(manager, false), inputs, new Taps(), false);

        assertThat(concat.output()).isEqualTo(FeatureShape.vector(3));
        assertThat(joint.isSequence()).isFalse();
        assertThat(joint.values().getShape()).isEqualTo(new Shape(2, 3));
        assertThat(joint.values().toFloatArray()).containsExactly(9, 1, 2, 8, 3, 4);
        assertThat(concat.getParameters().isEmpty()).isTrue();
    }

    @Test
    void aSingleInputPassesItsGradientBackAsSeveralDo() {
        // a unimodal baseline (modalities: [text]) fuses one input: DJL's concat of one array cut autograd there
        Fusion concat = build(Map.of("text", FeatureShape.vector(2)));
        NDArray w = manager.create(new float[] {1, 2});
        w.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            Features text = Features.pooled(w.mul(3).reshape(1, 2));
            Features joint = concat.forward(new ParameterStore(manager, false), Map.of("text", text), new Taps(),
                    true);
            collector.backward(joint.values().sum());
        }

        assertThat(w.getGradient().toFloatArray()).containsExactly(3f, 3f);
    }

    @Test
    void rejectsASequenceInputNamingItAndAskingForAPooling() {
        Map<String, FeatureShape> shapes = new LinkedHashMap<>();
        shapes.put("text", FeatureShape.vector(4));
        shapes.put("audio", FeatureShape.sequence(375, 16));

        assertThatThrownBy(() -> build(shapes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'audio' is a sequence 375x16")
                .hasMessageContaining("pooling encoder");
    }

    @Test
    void rejectsAForwardPassWithoutAnInputItWasBuiltFor() {
        Fusion concat = build(Map.of("text", FeatureShape.vector(1)));
        Map<String, Features> inputs = Map.of("audio", Features.pooled(manager.ones(new Shape(1, 1))));

        assertThatThrownBy(() -> concat.forward(new ParameterStore(manager, false), inputs, new Taps(), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no 'text'");
    }

    @Test
    void rejectsNoInputs() {
        assertThatThrownBy(() -> build(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one input");
    }
}
