package io.mosaic.models.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.ParameterException;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.Task;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Network;
import io.mosaic.api.model.Slot;
import io.mosaic.api.model.Taps;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.Views;
import io.mosaic.losses.regression.L1Factory;
import io.mosaic.models.support.AssembledContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BaselinePipelineTest {
    private static final int B = 4;
    /** Text 6 steps x 5 features, audio 7 x 3, vision 4 x 2. */
    private static final Map<Modality, FeatureShape> INPUTS = Map.of(
            Modality.TEXT, FeatureShape.sequence(6, 5),
            Modality.AUDIO, FeatureShape.sequence(7, 3),
            Modality.VISION, FeatureShape.sequence(4, 2));
    /** Projection width p and GRU width h per modality. */
    private static final Map<Modality, int[]> WIDTHS = Map.of(
            Modality.TEXT, new int[] {4, 3},
            Modality.AUDIO, new int[] {3, 2},
            Modality.VISION, new int[] {2, 2});
    private static final int MLP_HIDDEN = 5;

    private final BaselineFactory factory = new BaselineFactory();
    private NDManager manager;

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(1111);
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private static Map<String, Object> components() {
        Map<String, Object> components = new HashMap<>();
        for (Modality modality : Modality.values()) {
            int[] widths = WIDTHS.get(modality);
            components.put(modality.id(), List.of(
                    Map.of("use", "pointwise-projection", "dim", widths[0]),
                    Map.of("use", "gru", "hidden", widths[1]),
                    Map.of("use", "masked-mean-pool")));
        }
        components.put("fusion", Map.of("use", "concat"));
        components.put("head", Map.of("use", "mlp", "hidden", List.of(MLP_HIDDEN), "dropout", 0.0));
        return components;
    }

    private AssembledContext context(Task task) {
        return new AssembledContext(manager, new DataSpec(new EnumMap<>(INPUTS), 0, task), components());
    }

    private Network build(AssembledContext context, Map<String, Object> raw) {
        return factory.create(Parameters.of(factory.parameters(), raw), context);
    }

    /** Random frames; lengths full, shorter, 1 and 0 so that padding and empty samples are exercised. */
    private Batch batch() {
        Map<Modality, Features> inputs = new EnumMap<>(Modality.class);
        for (Modality modality : Modality.values()) {
            FeatureShape shape = INPUTS.get(modality);
            NDArray frames = manager.randomNormal(new Shape(B, shape.steps(), shape.dim()));
            NDArray lengths = manager.create(new long[] {shape.steps(), shape.steps() - 2, 1, 0});
            inputs.put(modality, Features.sequence(frames, lengths));
        }
        NDArray scores = manager.create(new float[] {1.5f, -2, 0.5f, 2.5f});
        return new Batch(List.of("a", "b", "c", "d"), inputs, Optional.empty(), scores, scores,
                manager.zeros(new Shape(B), DataType.INT64));
    }

    @Test
    void declaresAChainPerModalityAFusionAndAHead() {
        assertThat(factory.slots()).extracting(Slot::name).containsExactly("text", "audio", "vision", "fusion", "head");
        assertThat(factory.slots()).extracting(Slot::kind).containsExactly(ComponentKind.ENCODER,
                ComponentKind.ENCODER, ComponentKind.ENCODER, ComponentKind.FUSION, ComponentKind.HEAD);
        assertThat(factory.slots().subList(0, 3)).allMatch(Slot::chain);
        assertThat(factory.taps()).containsExactlyInAnyOrder("text.encoded", "audio.encoded", "vision.encoded",
                "joint", "prediction");
    }

    @Test
    void recordsEveryTapWithItsShape() {
        Network network = build(context(new Task(3)), Map.of());
        Taps taps = new Taps();

        network.forward(new ParameterStore(manager, false), batch(), taps, false);

        assertThat(taps.names()).containsExactly("text.encoded", "audio.encoded", "vision.encoded", "joint",
                "prediction");
        assertThat(taps.names()).containsExactlyInAnyOrderElementsOf(factory.taps());
        assertThat(taps.get("text.encoded").getShape()).isEqualTo(new Shape(B, 3));
        assertThat(taps.get("audio.encoded").getShape()).isEqualTo(new Shape(B, 2));
        assertThat(taps.get("vision.encoded").getShape()).isEqualTo(new Shape(B, 2));
        assertThat(taps.get("joint").getShape()).isEqualTo(new Shape(B, 3 + 2 + 2));
        assertThat(taps.get("prediction").getShape()).isEqualTo(new Shape(B, 3));
        // the joint representation is the encoded modalities side by side, in modality order
        NDArray expectedJoint = taps.get("text.encoded").concat(taps.get("audio.encoded"), 1)
                .concat(taps.get("vision.encoded"), 1);
        assertThat(taps.get("joint").toFloatArray()).containsExactly(expectedJoint.toFloatArray());
        // the last sample has no valid step in any modality: mean pooling gives zeros
        assertThat(taps.get("joint").get(B - 1).toFloatArray()).containsOnly(0f);
    }

    @Test
    void hasTheClosedFormNumberOfParameters() {
        Network network = build(context(Task.REGRESSION), Map.of());

        // per modality with input width d, projection p (no bias) and GRU h:
        //   p·d + 3h(p + h) + 2·3h
        // concat and mean pooling have none; the MLP over the joint width J = Σ h with hidden k and 1 output:
        //   J·k + k + k·1 + 1
        long expected = 0;
        int joint = 0;
        for (Modality modality : Modality.values()) {
            int d = INPUTS.get(modality).dim();
            int p = WIDTHS.get(modality)[0];
            int h = WIDTHS.get(modality)[1];
            expected += (long) p * d + 3L * h * (p + h) + 6L * h;
            joint += h;
        }
        expected += (long) joint * MLP_HIDDEN + MLP_HIDDEN + MLP_HIDDEN + 1;

        assertThat(count(network)).isEqualTo(expected).isEqualTo(4 * 5 + 3 * 3 * (4 + 3) + 18
                + 3 * 3 + 3 * 2 * (3 + 2) + 12 + 2 * 2 + 3 * 2 * (2 + 2) + 12 + 7 * 5 + 5 + 5 + 1);
    }

    @Test
    void aUnimodalBaselineBuildsAndRecordsOnlyItsModality() {
        AssembledContext context = context(Task.REGRESSION);
        Network network = build(context, Map.of("modalities", List.of("audio")));
        Taps taps = new Taps();

        network.forward(new ParameterStore(manager, false), batch(), taps, false);

        assertThat(context.built()).containsExactly("audio", "fusion", "head");
        assertThat(taps.names()).containsExactly("audio.encoded", "joint", "prediction");
        assertThat(taps.get("joint").getShape()).isEqualTo(new Shape(B, 2));
        assertThat(taps.get("prediction").getShape()).isEqualTo(new Shape(B, 1));
    }

    @Test
    void readsTheModalitiesInModalityOrderWhateverTheListedOrder() {
        AssembledContext context = context(Task.REGRESSION);
        build(context, Map.of("modalities", List.of("vision", "text")));

        assertThat(context.built()).containsExactly("text", "vision", "fusion", "head");
    }

    @Test
    void rejectsAnEmptyRepeatedOrUnknownModalityList() {
        assertThatThrownBy(() -> build(context(Task.REGRESSION), Map.of("modalities", List.of())))
                .isInstanceOf(ParameterException.class).hasMessageContaining("at least one of text, audio, vision");
        assertThatThrownBy(() -> build(context(Task.REGRESSION), Map.of("modalities", List.of("text", "text"))))
                .isInstanceOf(ParameterException.class).hasMessageContaining("lists text twice");
        assertThatThrownBy(() -> Parameters.of(factory.parameters(), Map.of("modalities", List.of("speech"))))
                .isInstanceOf(ParameterException.class).hasMessageContaining("'speech' is not one of");
    }

    @Test
    void plainGradientDescentStepsReduceTheL1Loss() {
        Network network = build(context(Task.REGRESSION), Map.of());
        L1Factory l1Factory = new L1Factory();
        Objective l1 = l1Factory.create(Parameters.defaults(l1Factory.parameters()),
                new DataSpec(new EnumMap<>(INPUTS), 0, Task.REGRESSION));
        Batch batch = batch();
        ParameterStore store = new ParameterStore(manager, false);
        List<Parameter> parameters = network.getParameters().values();
        float learningRate = 0.05f;

        float previous = loss(network, l1, batch, store);
        for (int step = 0; step < 2; step++) {
            List<NDArray> gradients = new ArrayList<>();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                Taps taps = new Taps();
                network.forward(store, batch, taps, true);
                collector.backward(l1.loss(Views.clean(batch, taps)));
                for (Parameter parameter : parameters) {
                    gradients.add(parameter.getArray().getGradient().duplicate());
                }
            }
            // w ← w − η ∂L/∂w
            for (int i = 0; i < parameters.size(); i++) {
                parameters.get(i).getArray().subi(gradients.get(i).mul(learningRate));
            }
            float next = loss(network, l1, batch, store);
            assertThat(next).as("L1 after step %d", step + 1).isLessThan(previous);
            previous = next;
        }
    }

    private static float loss(Network network, Objective l1, Batch batch, ParameterStore store) {
        Taps taps = new Taps();
        network.forward(store, batch, taps, false);
        return l1.loss(Views.clean(batch, taps)).getFloat();
    }

    private static long count(Network network) {
        return network.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }
}
