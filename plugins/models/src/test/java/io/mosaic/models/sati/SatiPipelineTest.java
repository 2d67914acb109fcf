package io.mosaic.models.sati;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
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
import io.mosaic.api.model.Network;
import io.mosaic.api.model.Taps;
import io.mosaic.models.support.AssembledContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The {@code sati} pipeline built from its default assembly's components. */
class SatiPipelineTest {
    private static final String RESOURCE = "mosaic/assemblies/sati.yaml";
    private static final int H = 128;

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

    /** The official code's MOSI shapes (reference/sati.md §1): word-aligned, text 768 (RoBERTa), audio 74, vision 47. */
    private static DataSpec mosi(int steps, int audio, int vision) {
        Map<Modality, FeatureShape> inputs = new EnumMap<>(Modality.class);
        inputs.put(Modality.TEXT, FeatureShape.sequence(steps, 768));
        inputs.put(Modality.AUDIO, FeatureShape.sequence(steps, audio));
        inputs.put(Modality.VISION, FeatureShape.sequence(steps, vision));
        return new DataSpec(inputs, 30522, new Task(0));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> assembly() throws IOException {
        try (InputStream in = SatiPipelineTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            assertThat(in).as(RESOURCE).isNotNull();
            return new Yaml().load(in);
        }
    }

    /** The assembly's components, with audio's Transformer at the official code's 2 heads. */
    @SuppressWarnings("unchecked")
    private Network build(DataSpec data, int audioHeads) throws IOException {
        Map<String, Object> assembly = assembly();
        Map<String, Object> components = new LinkedHashMap<>((Map<String, Object>) assembly.get("components"));
        List<Object> audio = new java.util.ArrayList<>((List<Object>) components.get("audio"));
        Map<String, Object> encoder = new LinkedHashMap<>((Map<String, Object>) audio.get(0));
        encoder.put("heads", audioHeads);
        audio.set(0, encoder);
        components.put("audio", audio);
        Map<String, Object> shared = (Map<String, Object>) assembly.get("shared");
        SatiFactory factory = new SatiFactory();
        return factory.create(Parameters.of(factory.parameters(), Map.of()),
                new AssembledContext(manager, data, components, shared));
    }

    /** The distinct trained parameters of the blocks whose child name passes {@code slots}, each counted once. */
    private static long count(Network network, Predicate<String> slots) {
        Set<Parameter> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        long total = 0;
        for (Pair<String, Block> child : network.getChildren()) {
            if (!slots.test(slot(child.getKey()))) {
                continue;
            }
            for (Pair<String, Parameter> pair : child.getValue().getParameters()) {
                if (seen.add(pair.getValue())) {
                    total += pair.getValue().getArray().size();
                }
            }
        }
        return total;
    }

    /** The slot of a child block: DJL prefixes a child's name with its two-digit position. */
    private static String slot(String child) {
        return child.substring(2);
    }

    private static Block child(Network network, String slot) {
        return network.getChildren().stream().filter(pair -> slot(pair.getKey()).equals(slot)).findFirst()
                .orElseThrow().getValue();
    }

    /** torch.nn.TransformerEncoderLayer(d, nhead, 2048): attention 4d² + 4d, FFN 2·2048·d + 2048 + d, norms 4d. */
    private static long transformerLayer(long d) {
        return 4 * d * d + 4 * d + 2 * 2048 * d + 2048 + d + 4 * d;
    }

    private static long linear(long in, long out) {
        return in * out + out;
    }

    @Test
    void theNonTextParameterCountIsTheOfficialModelsClosedForm() throws IOException {
        Network network = build(mosi(50, 74, 47), 2);

        // reference/sati.md §2 (TE_a, TE_v, project_a/v with LayerNorm), §3 (private_t/a/v, one shared), §7 (two
        // bias-free cross-attentions with an output map, two FBP gates U, V: 128→64 without bias and 32→1, two
        // LayerNorms, the 256-wide 1-layer Transformer, the MLP 256→128→1). The text slot is the text encoder.
        long expected = transformerLayer(74) + transformerLayer(47)
                + linear(74, H) + 2 * H + linear(47, H) + 2 * H
                + 3 * linear(H, H) + linear(H, H)
                + 2 * (3L * H * H + linear(H, H))
                + 2 * (2L * H * 64 + linear(32, 1))
                + 2 * 2 * H
                + transformerLayer(2 * H)
                + linear(2 * H, H) + linear(H, 1);

        assertThat(expected).isEqualTo(2_126_616);
        assertThat(count(network, slot -> !slot.equals("text"))).isEqualTo(expected);
        assertThat(count(network, "text"::equals)).isEqualTo(linear(768, H) + 2 * H);
    }

    @Test
    void theSharedEncoderIsOneModuleInTheThreeSlotsCountedOnce() throws IOException {
        Network network = build(mosi(6, 74, 47), 2);
        Block text = child(network, "text-shared");
        Block audio = child(network, "audio-shared");
        Block vision = child(network, "vision-shared");

        assertThat(text).isSameAs(audio).isSameAs(vision);
        assertThat(count(network, slot -> slot.endsWith("-shared"))).isEqualTo(linear(H, H));
        assertThat(count(network, slot -> slot.endsWith("-private"))).isEqualTo(3 * linear(H, H));
    }

    @Test
    void aPassRecordsTheCodesWithTheirLengthsAndPoolsOverValidStepsOnly() throws IOException {
        DataSpec data = mosi(5, 6, 4);
        Network network = build(data, 2);
        Batch batch = batch(data, new long[] {5, 3});
        Taps taps = new Taps();

        network.forward(new ParameterStore(manager, false), batch, taps, false);

        for (Modality modality : Modality.values()) {
            String m = modality.id();
            for (String what : List.of("projected", "private", "shared")) {
                Features codes = taps.features(m + "." + what);
                assertThat(codes.values().getShape()).isEqualTo(new Shape(2, 5, H));
                assertThat(codes.lengths().toLongArray()).containsExactly(5, 3);
            }
            Features sequence = taps.features(Taps.sequence(m));
            assertThat(sequence.values().getShape()).isEqualTo(new Shape(2, 5, 2 * H));
            NDArray expected = sequence.values().get(new NDIndex("1, 0:3, :")).mean(new int[] {0});
            float[] pooled = taps.get(Taps.pooled(m)).get(1).toFloatArray();
            float[] want = expected.toFloatArray();
            for (int i = 0; i < want.length; i++) {
                assertThat(pooled[i]).as(m + " pooled feature " + i).isCloseTo(want[i], within(1e-5f));
            }
        }
        assertThat(taps.get(Taps.JOINT).getShape()).isEqualTo(new Shape(2, 2 * H));
        assertThat(taps.get("prediction").getShape()).isEqualTo(new Shape(2, 1));
        assertThat(taps.get("prediction").isInfinite().any().getBoolean()).isFalse();
    }

    @Test
    void theSharedCodesOfIdenticalInputsAreIdenticalInEverySlot() throws IOException {
        DataSpec data = mosi(4, H, H);
        Map<String, Object> assembly = assembly();
        @SuppressWarnings("unchecked")
        Map<String, Object> components = new LinkedHashMap<>((Map<String, Object>) assembly.get("components"));
        // Identical per-step inputs: one identity-sized projection for every modality, fed the same frames.
        Map<String, Object> projection = Map.of("use", "pointwise-projection", "dim", H, "bias", true,
                "activation", "relu", "layer-norm", true);
        components.put("text", List.of(Map.of("shared", "projection")));
        components.put("audio", List.of(Map.of("shared", "projection")));
        components.put("vision", List.of(Map.of("shared", "projection")));
        @SuppressWarnings("unchecked")
        Map<String, Object> shared = new LinkedHashMap<>((Map<String, Object>) assembly.get("shared"));
        shared.put("projection", projection);
        Map<Modality, FeatureShape> inputs = new EnumMap<>(Modality.class);
        data.inputs().forEach((m, shape) -> inputs.put(m, FeatureShape.sequence(4, H)));
        DataSpec same = new DataSpec(inputs, 30522, new Task(0));
        SatiFactory factory = new SatiFactory();
        Network network = factory.create(Parameters.of(factory.parameters(), Map.of()),
                new AssembledContext(manager, same, components, shared));
        NDArray frames = manager.randomNormal(new Shape(2, 4, H));
        Map<Modality, Features> features = new EnumMap<>(Modality.class);
        for (Modality modality : Modality.values()) {
            features.put(modality, Features.sequence(frames, manager.create(new long[] {4, 2})));
        }
        Batch batch = new Batch(List.of("a", "b"), features, Optional.empty(), manager.zeros(new Shape(2)),
                manager.zeros(new Shape(2)), manager.zeros(new Shape(2), DataType.INT64));
        Taps taps = new Taps();

        network.forward(new ParameterStore(manager, false), batch, taps, false);

        float[] text = taps.get("text.shared").toFloatArray();
        assertThat(taps.get("audio.shared").toFloatArray()).containsExactly(text);
        assertThat(taps.get("vision.shared").toFloatArray()).containsExactly(text);
        assertThat(taps.get("audio.private").toFloatArray()).isNotEqualTo(taps.get("text.private").toFloatArray());
    }

    @Test
    void aModalityThatMissesTheTextsWidthIsRefusedNamingIt() throws IOException {
        Map<String, Object> assembly = assembly();
        @SuppressWarnings("unchecked")
        Map<String, Object> components = new LinkedHashMap<>((Map<String, Object>) assembly.get("components"));
        components.put("vision", List.of(Map.of("use", "pointwise-projection", "dim", 64)));
        @SuppressWarnings("unchecked")
        Map<String, Object> shared = (Map<String, Object>) assembly.get("shared");
        SatiFactory factory = new SatiFactory();

        assertThatThrownBy(() -> factory.create(Parameters.of(factory.parameters(), Map.of()),
                new AssembledContext(manager, mosi(5, 6, 4), components, shared)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vision is 5x64");
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
}
