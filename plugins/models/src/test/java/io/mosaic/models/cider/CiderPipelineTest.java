package io.mosaic.models.cider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.Task;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.FitsTrainingSplit;
import io.mosaic.api.model.Module;
import io.mosaic.api.model.Network;
import io.mosaic.api.model.PipelineFactory;
import io.mosaic.api.model.Taps;
import io.mosaic.api.model.TrainingSplit;
import io.mosaic.models.support.AssembledContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The {@code cider} pipeline built from its default assembly's components. */
class CiderPipelineTest {
    private static final String RESOURCE = "mosaic/assemblies/cider.yaml";

    private NDManager manager;

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(7);
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** MOSI's shapes: BERT-wide token features over 50 tokens, audio 375 × 5, vision 500 × 20 (or 50 × when aligned). */
    private static DataSpec mosi(boolean aligned, int classes) {
        Map<Modality, FeatureShape> inputs = new EnumMap<>(Modality.class);
        inputs.put(Modality.TEXT, FeatureShape.sequence(50, 768));
        inputs.put(Modality.AUDIO, FeatureShape.sequence(aligned ? 50 : 375, 5));
        inputs.put(Modality.VISION, FeatureShape.sequence(aligned ? 50 : 500, 20));
        return new DataSpec(inputs, 30522, new Task(classes));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> components(int layers) throws IOException {
        try (InputStream in = CiderPipelineTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            assertThat(in).as(RESOURCE).isNotNull();
            Map<String, Object> assembly = new Yaml().load(in);
            Map<String, Object> components = new LinkedHashMap<>((Map<String, Object>) assembly.get("components"));
            Map<String, Object> fusion = new LinkedHashMap<>((Map<String, Object>) components.get("fusion"));
            fusion.put("layers", layers);
            components.put("fusion", fusion);
            return components;
        }
    }

    private Network build(DataSpec data, int layers, boolean reconstruct) throws IOException {
        CiderFactory factory = new CiderFactory();
        Parameters parameters = Parameters.of(factory.parameters(), Map.of(CiderFactory.RECONSTRUCT, reconstruct));
        return factory.create(parameters, new AssembledContext(manager, data, components(layers)));
    }

    private static long trained(Network network) {
        long total = 0;
        for (Pair<String, Parameter> pair : network.getParameters()) {
            if (!Module.isBuffer(pair.getValue())) {
                total += pair.getValue().getArray().size();
            }
        }
        return total;
    }

    @Test
    void theParameterCountIsTheReferenceClosedForm() throws IOException {
        // reference/cider.md §5.5: P = 130,339 + 32,480·N + 97·(d_a + d_v) + (l_len + 1)·(T_a + T_v) + 193·K².
        assertThat(trained(build(mosi(false, 3), 1, true))).isEqualTo(211_606);
        assertThat(trained(build(mosi(false, 3), 2, true))).isEqualTo(244_086);
        assertThat(trained(build(mosi(false, 3), 3, true))).isEqualTo(276_566);
        assertThat(trained(build(mosi(false, 7), 2, true))).isEqualTo(251_806);
        assertThat(trained(build(mosi(true, 3), 1, true))).isEqualTo(172_081);
    }

    @Test
    void withoutReconstructionTheHeadsAreAbsent() throws IOException {
        // text 32·768 + 768; audio 50·375 + 375 + 32·5 + 5; vision 50·500 + 500 + 32·20 + 20 (reference §5.5).
        long heads = 25_344 + 19_290 + 26_160;
        assertThat(trained(build(mosi(false, 3), 2, false))).isEqualTo(244_086 - heads);
    }

    @Test
    void aTrainingPassRecordsLogProbabilitiesJointAttentionAndReconstructions() throws IOException {
        Map<Modality, FeatureShape> inputs = new EnumMap<>(Modality.class);
        inputs.put(Modality.TEXT, FeatureShape.sequence(6, 8));
        inputs.put(Modality.AUDIO, FeatureShape.sequence(9, 3));
        inputs.put(Modality.VISION, FeatureShape.sequence(7, 4));
        DataSpec data = new DataSpec(inputs, 200, new Task(3));
        Network network = build(data, 1, true);
        Batch batch = batch(data, new long[] {6, 4}, new long[] {9, 5}, new long[] {7, 3});
        fit(network, batch);
        Taps taps = new Taps();

        network.forward(new ParameterStore(manager, false), batch, taps, true);

        NDArray prediction = taps.get(PipelineFactory.PREDICTION_TAP);
        assertThat(prediction.getShape()).isEqualTo(new Shape(2, 3));
        float[] rowMass = prediction.exp().sum(new int[] {1}).toFloatArray();
        assertThat(rowMass[0]).isCloseTo(1f, within(1e-5f));
        assertThat(rowMass[1]).isCloseTo(1f, within(1e-5f));
        assertThat(taps.get(CiderFactory.JOINT_TAP).getShape()).isEqualTo(new Shape(2, 96));
        assertThat(taps.get("fusion.attention").getShape()).isEqualTo(new Shape(2, 4, 18, 18));
        assertThat(taps.get("reconstruction.text").getShape()).isEqualTo(new Shape(2, 6, 8));
        assertThat(taps.get("reconstruction.audio").getShape()).isEqualTo(new Shape(2, 9, 3));
        assertThat(taps.get("reconstruction.vision").getShape()).isEqualTo(new Shape(2, 7, 4));
        assertThat(new CiderFactory().taps()).containsAll(List.of("joint", "prediction", "reconstruction.text",
                "reconstruction.audio", "reconstruction.vision"));
    }

    @Test
    void anEvaluationPassRecordsNoReconstruction() throws IOException {
        Map<Modality, FeatureShape> inputs = new EnumMap<>(Modality.class);
        inputs.put(Modality.TEXT, FeatureShape.sequence(5, 8));
        inputs.put(Modality.AUDIO, FeatureShape.sequence(5, 3));
        inputs.put(Modality.VISION, FeatureShape.sequence(5, 4));
        DataSpec data = new DataSpec(inputs, 200, new Task(3));
        Network network = build(data, 1, true);
        Batch batch = batch(data, new long[] {5}, new long[] {5}, new long[] {4});
        fit(network, batch);
        Taps taps = new Taps();

        network.forward(new ParameterStore(manager, false), batch, taps, false);

        assertThat(taps.has("reconstruction.text")).isFalse();
        assertThat(taps.get(PipelineFactory.PREDICTION_TAP).getShape()).isEqualTo(new Shape(1, 3));
    }

    @Test
    void aProjectionThatPoolsIsRefusedNamingTheSlot() throws IOException {
        Map<String, Object> components = components(1);
        components.put("text", List.of(Map.of("use", "pointwise-projection", "dim", 32),
                Map.of("use", "masked-mean-pool")));
        CiderFactory factory = new CiderFactory();
        Parameters parameters = Parameters.of(factory.parameters(), Map.of());

        assertThatThrownBy(() -> factory.create(parameters, new AssembledContext(manager, mosi(false, 3),
                components))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slot 'text' must keep the time axis, but returns pooled features [32]");
    }

    /** Fits every module that keeps training-split state (MCM's dictionary and prior) on {@code batch} alone. */
    private static void fit(Block block, Batch batch) {
        if (block instanceof FitsTrainingSplit fitted) {
            fitted.fit(new TrainingSplit() {
                @Override
                public int size() {
                    return batch.size();
                }

                @Override
                public void forEachBatch(Consumer<Batch> action) {
                    action.accept(batch);
                }
            });
        }
        block.getChildren().values().forEach(child -> fit(child, batch));
    }

    private Batch batch(DataSpec data, long[] text, long[] audio, long[] vision) {
        int size = text.length;
        Map<Modality, Features> inputs = new EnumMap<>(Modality.class);
        Map<Modality, long[]> lengths = Map.of(Modality.TEXT, text, Modality.AUDIO, audio, Modality.VISION, vision);
        data.inputs().forEach((modality, shape) -> inputs.put(modality, Features.sequence(
                manager.randomNormal(new Shape(size, shape.steps(), shape.dim())),
                manager.create(lengths.get(modality)))));
        long[] tokens = new long[size * data.input(Modality.TEXT).steps()];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = 104 + i % 50;
        }
        return new Batch(List.of("a", "b").subList(0, size), inputs,
                Optional.of(manager.create(tokens, new Shape(size, data.input(Modality.TEXT).steps()))),
                manager.zeros(new Shape(size)), manager.arange(size).mul(2).toType(DataType.INT64, false),
                manager.zeros(new Shape(size), DataType.INT64));
    }
}
