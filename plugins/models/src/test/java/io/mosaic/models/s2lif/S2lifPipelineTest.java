package io.mosaic.models.s2lif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.Task;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Network;
import io.mosaic.api.model.Slot;
import io.mosaic.api.model.StagePlan;
import io.mosaic.api.model.Taps;
import io.mosaic.models.support.AssembledContext;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code s2lif} pipeline: eq. 16's two classifiers in each order, and the stages each order proposes. */
class S2lifPipelineTest {
    private static final int B = 4;
    private static final Map<String, Object> COMPONENTS = Map.of(
            "text", List.of(Map.of("use", "gru", "hidden", 6), Map.of("use", "masked-mean-pool")),
            "vision", List.of(Map.of("use", "gru", "hidden", 5), Map.of("use", "masked-mean-pool")),
            "text-head", Map.of("use", "mlp", "hidden", List.of(4)),
            "vision-head", Map.of("use", "mlp", "hidden", List.of(4)));

    private final S2lifFactory factory = new S2lifFactory();
    private NDManager manager;

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(5);
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private static DataSpec meldLike() {
        Map<Modality, FeatureShape> inputs = new EnumMap<>(Modality.class);
        inputs.put(Modality.TEXT, FeatureShape.sequence(7, 3));
        inputs.put(Modality.AUDIO, FeatureShape.sequence(9, 2));
        inputs.put(Modality.VISION, FeatureShape.sequence(9, 4));
        return new DataSpec(inputs, 0, Task.parse("classes-3"));
    }

    private Parameters order(String order) {
        return Parameters.of(factory.parameters(), Map.of("order", order));
    }

    private Network build(String order) {
        return factory.create(order(order), new AssembledContext(manager, meldLike(), COMPONENTS));
    }

    private Batch batch() {
        Map<Modality, Features> inputs = new EnumMap<>(Modality.class);
        meldLike().inputs().forEach((modality, shape) -> {
            long[] lengths = IntStream.range(0, B).mapToLong(i -> Math.max(1, shape.steps() - 2L * i)).toArray();
            inputs.put(modality, Features.sequence(manager.randomNormal(new Shape(B, shape.steps(), shape.dim())),
                    manager.create(lengths)));
        });
        NDArray labels = manager.create(new long[] {0, 1, 2, 1});
        return new Batch(List.of("a", "b", "c", "d"), inputs, Optional.empty(), labels.toType(DataType.FLOAT32, false),
                labels, manager.zeros(new Shape(B), DataType.INT64));
    }

    private static Batch withOther(NDManager manager, Batch batch, Modality modality) {
        Map<Modality, Features> inputs = new EnumMap<>(batch.inputs());
        Features input = batch.input(modality);
        inputs.put(modality, input.withValues(manager.randomNormal(input.values().getShape())));
        return new Batch(batch.ids(), inputs, batch.tokenIds(), batch.scores(), batch.labels(), batch.domains());
    }

    private Taps forward(Network network, Batch batch) {
        Taps taps = new Taps();
        network.forward(new ParameterStore(manager, false), batch, taps, false);
        return taps;
    }

    @Test
    void hasTwoChainsAndTwoClassifiersAndLearnsTextFirstByDefault() {
        assertThat(factory.slots()).extracting(Slot::name)
                .containsExactly("text", "vision", "text-head", "vision-head");
        assertThat(factory.taps()).containsExactlyInAnyOrder("prediction", "joint", "text.pooled", "vision.pooled",
                "prediction.text", "prediction.vision");
        assertThat(Parameters.defaults(factory.parameters()).string("order")).isEqualTo("text-first");
    }

    /** Eq. 16: O_t = g_t(x_c'_t), O_v = g_v([x_c'_t; x_c'_v]), the prediction O_v. */
    @Test
    void textFirstClassifiesTextAloneThenBothWithVisionsClassifier() {
        Network network = build("text-first");
        Batch batch = batch();
        Taps taps = forward(network, batch);

        assertThat(taps.names()).containsExactlyInAnyOrderElementsOf(factory.taps());
        assertThat(taps.get("joint").getShape()).isEqualTo(new Shape(B, 6 + 5));
        assertThat(taps.get("joint").toFloatArray()).containsExactly(
                taps.get("text.pooled").concat(taps.get("vision.pooled"), 1).toFloatArray());
        assertThat(taps.get("prediction").getShape()).isEqualTo(new Shape(B, 3));
        assertThat(taps.get("prediction").toFloatArray()).containsExactly(taps.get("prediction.vision").toFloatArray());

        // g_t never sees vision; g_v does
        Taps otherVision = forward(network, withOther(manager, batch, Modality.VISION));
        assertThat(otherVision.get("prediction.text").toFloatArray())
                .containsExactly(taps.get("prediction.text").toFloatArray());
        assertThat(otherVision.get("prediction").toFloatArray())
                .isNotEqualTo(taps.get("prediction").toFloatArray());
    }

    @Test
    void visionFirstMirrorsTheClassifiersAndTextsClassifierPredicts() {
        Network network = build("vision-first");
        Batch batch = batch();
        Taps taps = forward(network, batch);

        assertThat(taps.get("joint").toFloatArray()).containsExactly(
                taps.get("vision.pooled").concat(taps.get("text.pooled"), 1).toFloatArray());
        assertThat(taps.get("prediction").toFloatArray()).containsExactly(taps.get("prediction.text").toFloatArray());
        Taps otherText = forward(network, withOther(manager, batch, Modality.TEXT));
        assertThat(otherText.get("prediction.vision").toFloatArray())
                .containsExactly(taps.get("prediction.vision").toFloatArray());
    }

    @Test
    void eachOrderProposesItsStages() {
        assertThat(factory.stages(order("text-first"))).containsExactly(
                new StagePlan("text", List.of("vision", "vision-head"), List.of("text.", "prediction.text")),
                new StagePlan("vision", List.of("text", "text-head"),
                        List.of("vision.", "prediction.vision", "prediction", "joint")));
        assertThat(factory.stages(order("vision-first"))).containsExactly(
                new StagePlan("vision", List.of("text", "text-head"), List.of("vision.", "prediction.vision")),
                new StagePlan("text", List.of("vision", "vision-head"),
                        List.of("text.", "prediction.text", "prediction", "joint")));
        assertThat(factory.stages(order("together"))).isEmpty();
    }

    @Test
    void refusesAnOrderItDoesNotKnow() {
        assertThatThrownBy(() -> order("audio-first"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text-first, vision-first, together");
    }

    @Test
    void refusesAChainThatDoesNotPool() {
        Map<String, Object> components = new java.util.HashMap<>(COMPONENTS);
        components.put("vision", List.of(Map.of("use", "gru", "hidden", 5)));

        assertThatThrownBy(() -> factory.create(order("text-first"),
                new AssembledContext(manager, meldLike(), components)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slot 'vision' must end in a pooled vector");
    }
}
