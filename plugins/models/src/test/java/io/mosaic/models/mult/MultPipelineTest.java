package io.mosaic.models.mult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mosaic.api.component.ParameterException;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.Task;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Module;
import io.mosaic.api.model.Network;
import io.mosaic.api.model.Taps;
import io.mosaic.encoders.testing.TorchFixture;
import io.mosaic.models.support.AssembledContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The {@code mult} pipeline built from its default assembly's components. */
class MultPipelineTest {
    private static final String RESOURCE = "mosaic/assemblies/mult.yaml";
    private static final int D = 30;

    private final MultFactory factory = new MultFactory();
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

    private static DataSpec data(int text, int audio, int vision, int steps) {
        Map<Modality, FeatureShape> inputs = new EnumMap<>(Modality.class);
        inputs.put(Modality.TEXT, FeatureShape.sequence(steps, text));
        inputs.put(Modality.AUDIO, FeatureShape.sequence(steps + 2, audio));
        inputs.put(Modality.VISION, FeatureShape.sequence(steps + 1, vision));
        return new DataSpec(inputs, 30522, new Task(0));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> components() throws IOException {
        try (InputStream in = MultPipelineTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            assertThat(in).as(RESOURCE).isNotNull();
            Map<String, Object> assembly = new Yaml().load(in);
            return new LinkedHashMap<>((Map<String, Object>) assembly.get("components"));
        }
    }

    private Network build(DataSpec data, Map<String, Object> components, List<String> modalities) {
        return factory.create(Parameters.of(factory.parameters(), Map.of(MultFactory.MODALITIES, modalities)),
                new AssembledContext(manager, data, components));
    }

    private static long trained(Network network) {
        return network.getParameters().values().stream().filter(p -> !Module.isBuffer(p))
                .mapToLong(p -> p.getArray().size()).sum();
    }

    @Test
    void theParameterCountIsTheOfficialMultModels() throws IOException {
        Map<String, Object> components = components();
        // main.py's defaults: nlevels 5 (a memory of max(5, 3) layers), 5 heads; d = 30 as src/models.py
        components.put("fusion", Map.of("use", "crossmodal", "layers", 5, "memory-layers", 5, "heads", 5));
        Network network = build(data(300, 74, 35, 50), components, List.of("text", "audio", "vision"));

        // MULTModel(orig_d_l=300, orig_d_a=74, orig_d_v=35, output_dim=1) counted by torch from the official code
        assertThat(trained(network)).isEqualTo(1_073_731);
    }

    @Test
    void theWholeModelEqualsTheOfficialMultModelWithReferenceQuirks() throws IOException {
        TorchFixture fixture = new TorchFixture(getClass(), "official.tsv");
        Map<String, Object> components = components();
        components.put("text", List.of(Map.of("use", "dropout", "rate", 0.2),
                Map.of("use", "pointwise-projection", "dim", 8)));
        components.put("audio", List.of(Map.of("use", "pointwise-projection", "dim", 8)));
        components.put("vision", List.of(Map.of("use", "pointwise-projection", "dim", 8)));
        components.put("fusion", Map.of("use", "crossmodal", "layers", 2, "memory-layers", 3, "heads", 2,
                "reference-quirks", true, "future-mask", true));
        Map<Modality, FeatureShape> shapes = new EnumMap<>(Modality.class);
        shapes.put(Modality.TEXT, FeatureShape.sequence(5, 6));
        shapes.put(Modality.AUDIO, FeatureShape.sequence(7, 4));
        shapes.put(Modality.VISION, FeatureShape.sequence(6, 5));
        Network network = build(new DataSpec(shapes, 30522, new Task(0)), components,
                List.of("text", "audio", "vision"));
        for (var parameter : network.getParameters()) {
            fixture.load(network, parameter.getKey(), parameter.getKey().replaceAll("(^|_)\\d{2}", "$1"));
        }
        assertThat(network.getParameters().size()).isEqualTo(fixture.names().stream()
                .filter(name -> name.contains("_")).count());
        Map<Modality, Features> inputs = new EnumMap<>(Modality.class);
        shapes.forEach((modality, shape) -> inputs.put(modality, Features.sequence(
                fixture.array(manager, modality.id()), manager.create(new long[] {shape.steps(), shape.steps()}))));
        Batch batch = new Batch(List.of("a", "b"), inputs, Optional.empty(), manager.zeros(new Shape(2)),
                manager.zeros(new Shape(2)), manager.zeros(new Shape(2), DataType.INT64));
        Taps taps = new Taps();

        network.forward(new ParameterStore(manager, false), batch, taps, false);

        float[] expected = fixture.floats("y");
        float[] prediction = taps.get("prediction").toFloatArray();
        for (int i = 0; i < expected.length; i++) {
            // outputs near 25: 1e-5 relative
            assertThat(prediction[i]).as("sample " + i).isCloseTo(expected[i], within(1e-5f * Math.abs(expected[i])));
        }
    }

    @Test
    void aPassRecordsEveryModalitysSequenceFusedSequenceAndItsLastRealStep() throws IOException {
        DataSpec data = data(12, 5, 7, 6);
        Network network = build(data, components(), List.of("text", "audio", "vision"));
        long[] lengths = {6, 3};
        Taps taps = new Taps();

        network.forward(new ParameterStore(manager, false), batch(data, lengths), taps, false);

        for (Modality modality : Modality.values()) {
            String m = modality.id();
            long steps = data.input(modality).steps();
            Features sequence = taps.features(Taps.sequence(m));
            assertThat(sequence.values().getShape()).isEqualTo(new Shape(2, steps, D));
            assertThat(sequence.lengths().toLongArray()).containsExactly(lengths);
            Features fused = taps.features(MultFactory.fusedTap(modality));
            assertThat(fused.values().getShape()).isEqualTo(new Shape(2, steps, 2 * D));
            assertThat(fused.lengths().toLongArray()).containsExactly(lengths);
            // MulT's h[-1], at each sample's last real step
            NDArray pooled = taps.get(Taps.pooled(m));
            for (int sample = 0; sample < 2; sample++) {
                float[] last = fused.values().get(new NDIndex("{}, {}, :", sample, lengths[sample] - 1))
                        .toFloatArray();
                assertThat(pooled.get(sample).toFloatArray()).as(m + " sample " + sample).containsExactly(last);
            }
        }
        assertThat(taps.get(Taps.JOINT).getShape()).isEqualTo(new Shape(2, 6 * D));
        NDArray prediction = taps.get("prediction");
        assertThat(prediction.getShape()).isEqualTo(new Shape(2, 1));
        assertThat(prediction.isNaN().any().getBoolean() || prediction.isInfinite().any().getBoolean()).isFalse();
    }

    @Test
    void twoModalitiesAsS2lifHasBuildAndRecordOnlyTheirOwnTaps() throws IOException {
        DataSpec data = data(12, 5, 7, 6);
        Network network = build(data, components(), List.of("vision", "text"));
        Taps taps = new Taps();

        network.forward(new ParameterStore(manager, false), batch(data, new long[] {4, 6}), taps, false);

        // each target is fused from the one other modality: (2 − 1)·d wide; the joint block is 2·d wide
        assertThat(taps.get(MultFactory.fusedTap(Modality.VISION)).getShape()).isEqualTo(new Shape(2, 7, D));
        assertThat(taps.get(Taps.JOINT).getShape()).isEqualTo(new Shape(2, 2 * D));
        assertThat(taps.has(Taps.sequence("audio"))).isFalse();
        assertThat(taps.names()).startsWith(Taps.sequence("text"), Taps.sequence("vision"));
        long joint = 2 * (2L * D * 2 * D + 2 * D) + 2 * D + 1;
        long projections = D * (12 + 7);
        long perLayer = 12L * D * D + 13 * D;
        long fusion = 2 * (4 * perLayer + 2 * D) + 2 * (4 * perLayer + 2 * D);
        assertThat(trained(network)).isEqualTo(projections + fusion + joint);
    }

    @Test
    void fewerThanTwoModalitiesAreRefusedNamingTheParameter() throws IOException {
        Map<String, Object> components = components();
        DataSpec data = data(12, 5, 7, 6);

        assertThatThrownBy(() -> build(data, components, List.of("text")))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("parameter 'modalities': needs at least two of text, audio, vision");
        assertThatThrownBy(() -> build(data, components, List.of("text", "text")))
                .isInstanceOf(ParameterException.class).hasMessageContaining("lists text twice");
    }

    @Test
    void aFusionThatDoesNotReturnTheSequencesAlongTimeIsRefusedNamingTheSlot() throws IOException {
        Map<String, Object> components = components();
        components.put("fusion", Map.of("use", "wsam"));

        // wsam aligns audio to the text: [B, 6, 30], not the 6 + 8 steps of both sequences
        assertThatThrownBy(() -> build(data(12, 5, 7, 6), components, List.of("text", "audio")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slot 'fusion' must return the modalities' sequences one after the other "
                        + "along time (14 steps), but returns 6x30");
    }

    @Test
    void anEncoderChainThatPoolsIsRefusedNamingTheSlot() throws IOException {
        Map<String, Object> components = components();
        components.put("vision", List.of(Map.of("use", "pointwise-projection", "dim", D),
                Map.of("use", "masked-mean-pool")));

        assertThatThrownBy(() -> build(data(12, 5, 7, 6), components, List.of("text", "vision")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slot 'vision' must keep the time axis");
    }

    private Batch batch(DataSpec data, long[] lengths) {
        int size = lengths.length;
        Map<Modality, Features> inputs = new EnumMap<>(Modality.class);
        data.inputs().forEach((modality, shape) -> inputs.put(modality, Features.sequence(
                manager.randomNormal(new Shape(size, shape.steps(), shape.dim())), manager.create(lengths))));
        return new Batch(List.of("a", "b").subList(0, size), inputs, Optional.empty(),
                manager.zeros(new Shape(size)), manager.zeros(new Shape(size)),
                manager.zeros(new Shape(size), DataType.INT64));
    }

    @Test
    void theLastStepIsReadAtTheRealLengthNotThePaddedEnd() throws IOException {
        DataSpec data = data(12, 5, 7, 6);
        Network network = build(data, components(), List.of("text", "audio", "vision"));
        Taps taps = new Taps();

        network.forward(new ParameterStore(manager, false), batch(data, new long[] {2, 6}), taps, false);

        float[] pooled = taps.get(Taps.pooled("text")).get(0).toFloatArray();
        float[] fusedAtOne = taps.get(MultFactory.fusedTap(Modality.TEXT)).get(new NDIndex("0, 1, :")).toFloatArray();
        assertThat(pooled).containsExactly(fusedAtOne);
        assertThat(taps.get(MultFactory.fusedTap(Modality.TEXT)).get(new NDIndex("0, 5, :")).abs().sum().getFloat())
                .as("padded fused steps are 0").isCloseTo(0f, within(0f));
    }
}
