package io.mosaic.fusion.joint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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

class ResidualMlpFusionTest {
    private final ResidualMlpFactory factory = new ResidualMlpFactory();
    private NDManager manager;
    private BuildContext context;

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(19);
        manager = NDManager.newBaseManager();
        context = () -> manager;
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Fusion build(Map<String, FeatureShape> shapes, Map<String, Object> raw) {
        return factory.create(Parameters.of(factory.parameters(), raw), shapes, context);
    }

    private static Map<String, FeatureShape> vectors(String first, int firstDim, String second, int secondDim) {
        Map<String, FeatureShape> shapes = new LinkedHashMap<>();
        shapes.put(first, FeatureShape.vector(firstDim));
        shapes.put(second, FeatureShape.vector(secondDim));
        return shapes;
    }

    /** Two samples of "audio" [B, 1] and "text" [B, 1], passed in the other order than the fusion's. */
    private Map<String, Features> inputs(float[] text, float[] audio) {
        Map<String, Features> inputs = new LinkedHashMap<>();
        inputs.put("audio", Features.pooled(manager.create(audio, new Shape(audio.length, 1))));
        inputs.put("text", Features.pooled(manager.create(text, new Shape(text.length, 1))));
        return inputs;
    }

    private static void set(Fusion fusion, String name, float... values) {
        fusion.getParameters().get(name).getArray().set(values);
    }

    @Test
    void computesTheHandWorkedResidualOverTheConcatenationInBuildOrder() {
        Fusion fusion = build(vectors("text", 1, "audio", 1), Map.of());
        set(fusion, "01proj1_weight", 1, -1, 2, 0);
        set(fusion, "01proj1_bias", 0, -1);
        set(fusion, "02proj2_weight", 1, 0, 1, 1);
        set(fusion, "02proj2_bias", 0.5f, 0);

        Features out = fusion.forward(new ParameterStore(manager, false), inputs(new float[] {3, -1},
                new float[] {1, 2}), new Taps(), false);

        // r₀ = (3, 1): W₁r₀ + b₁ = (2, 5), relu keeps it, W₂(2, 5) + b₂ = (2.5, 7), plus r₀ = (5.5, 8).
        // r₀ = (−1, 2): W₁r₀ + b₁ = (−3, −3), relu gives 0, so r = b₂ + r₀ = (−0.5, 2).
        assertThat(out.isSequence()).isFalse();
        assertThat(out.values().getShape()).isEqualTo(new Shape(2, 2));
        assertThat(out.values().toFloatArray()).containsExactly(new float[] {5.5f, 8, -0.5f, 2}, within(1e-6f));
        assertThat(fusion.output()).isEqualTo(FeatureShape.vector(2));
    }

    @Test
    void isTheConcatenationItselfWhenTheSecondProjectionIsZero() {
        Fusion fusion = build(vectors("text", 1, "audio", 1), Map.of());
        set(fusion, "02proj2_weight", 0, 0, 0, 0);
        set(fusion, "02proj2_bias", 0, 0);

        Features out = fusion.forward(new ParameterStore(manager, false), inputs(new float[] {0.25f, -7},
                new float[] {4, 1.5f}), new Taps(), false);

        assertThat(out.values().toFloatArray()).containsExactly(0.25f, 4, -7, 1.5f);
    }

    @Test
    void dropoutActsInTrainingPassesOnly() {
        Fusion fusion = build(vectors("text", 8, "audio", 8), Map.of("dropout", 0.5));
        Map<String, Features> inputs = new LinkedHashMap<>();
        inputs.put("text", Features.pooled(manager.randomNormal(new Shape(4, 8))));
        inputs.put("audio", Features.pooled(manager.randomNormal(new Shape(4, 8))));
        ParameterStore store = new ParameterStore(manager, false);

        float[] evaluation = fusion.forward(store, inputs, new Taps(), false).values().toFloatArray();
        float[] again = fusion.forward(store, inputs, new Taps(), false).values().toFloatArray();
        float[] training = fusion.forward(store, inputs, new Taps(), true).values().toFloatArray();

        assertThat(again).containsExactly(evaluation);
        assertThat(training).isNotEqualTo(evaluation);
    }

    @Test
    void hasTwoSquareLinearLayersOverTheJointWidth() {
        Map<String, FeatureShape> shapes = vectors("text", 32, "audio", 32);
        shapes.put("vision", FeatureShape.vector(32));
        Fusion fusion = build(shapes, Map.of());
        long size = fusion.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
        // proj1 and proj2: Linear(96, 96) each
        assertThat(size).isEqualTo(2L * (96 * 96 + 96)).isEqualTo(18_624L);
        assertThat(fusion.output()).isEqualTo(FeatureShape.vector(96));
    }

    @Test
    void rejectsASequenceInputNamingItAndAskingForAPooling() {
        Map<String, FeatureShape> shapes = new LinkedHashMap<>();
        shapes.put("text", FeatureShape.vector(32));
        shapes.put("audio", FeatureShape.sequence(375, 32));

        assertThatThrownBy(() -> build(shapes, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'audio' is a sequence 375x32")
                .hasMessageContaining("pooling encoder");
        assertThatThrownBy(() -> build(Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one input");
    }

    @Test
    void rejectsAForwardPassWithoutAnInputItWasBuiltFor() {
        Fusion fusion = build(vectors("text", 1, "audio", 1), Map.of());
        Map<String, Features> inputs = Map.of("text", Features.pooled(manager.ones(new Shape(1, 1))));

        assertThatThrownBy(() -> fusion.forward(new ParameterStore(manager, false), inputs, new Taps(), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no 'audio'");
    }
}
