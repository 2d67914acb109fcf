package io.mosaic.fusion.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.Taps;
import io.mosaic.encoders.testing.TorchFixture;
import io.mosaic.fusion.testing.Blocks;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SemanticFusionTest {
    private static final List<String> NAMES = SemanticFusionFactory.INPUTS;
    /** The fixture's module names (make-fixtures.py) → this fusion's child prefixes. */
    private static final Map<String, String> TORCH_MODULES = Map.ofEntries(
            Map.entry("audio", "01audio"), Map.entry("vision", "02vision"),
            Map.entry("attention", "01attention"), Map.entry("gate", "02gate"), Map.entry("norm", "03norm"),
            Map.entry("query", "01query"), Map.entry("key", "02key"), Map.entry("value", "03value"),
            Map.entry("u", "01u"), Map.entry("v", "02v"));

    private final SemanticFusionFactory factory = new SemanticFusionFactory();
    private NDManager manager;
    private BuildContext context;

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(29);
        manager = NDManager.newBaseManager();
        context = Blocks.context(manager, DataType.FLOAT32);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Fusion build(int steps, int width, Map<String, Object> raw) {
        Map<String, FeatureShape> shapes = new LinkedHashMap<>();
        NAMES.forEach(name -> shapes.put(name, FeatureShape.sequence(steps, width)));
        return factory.create(Parameters.of(factory.parameters(), raw), shapes, context);
    }

    /** A small fusion (H = 8, 2 heads, o = 3, k = 2) with the given gate settings. */
    private Fusion small(String gate, boolean quirks) {
        return build(4, 8, Map.of("heads", 2, "fbp-dim", 3, "fbp-pool", 2, "gate", gate, "reference-quirks",
                quirks));
    }

    private Map<String, Features> inputs(Random random, long[] textLengths, long[] audioLengths,
                                         long[] visionLengths) {
        Map<String, long[]> lengths = Map.of("text", textLengths, "audio", audioLengths, "vision", visionLengths);
        Map<String, Features> inputs = new LinkedHashMap<>();
        for (String name : NAMES) {
            inputs.put(name, Blocks.sequence(manager, random, 4, 8, DataType.FLOAT32,
                    lengths.get(name.replace(".shared", ""))));
        }
        return inputs;
    }

    private Features run(Fusion fusion, Map<String, Features> inputs, Taps taps) {
        return fusion.forward(new ParameterStore(manager, false), inputs, taps, false);
    }

    /**
     * Eq. 8–13 as SATI's official modules compute them (reference/sati.md §7) in torch, with the padding keys masked;
     * sigmoid gate, and the code's own hard gate with the audio gate's output layer reused for vision.
     */
    @ParameterizedTest
    @CsvSource({"sigmoid.tsv, sigmoid, false", "hard-quirks.tsv, hard, true"})
    void equalsTheTorchStreamsWithTheSameWeights(String resource, String gate, boolean quirks) throws IOException {
        TorchFixture fixture = new TorchFixture(getClass(), resource);
        Fusion fusion = small(gate, quirks);
        int loaded = 0;
        for (String name : fixture.names()) {
            if ((name.startsWith("audio.") || name.startsWith("vision.")) && name.split("\\.").length > 2) {
                fixture.load(fusion, javaName(name), name);
                loaded++;
            }
        }
        assertThat(loaded).isEqualTo(fusion.getParameters().size());
        Map<String, Features> inputs = new LinkedHashMap<>();
        for (String name : NAMES) {
            String modality = name.replace(".shared", "");
            inputs.put(name, Features.sequence(fixture.array(manager, name),
                    manager.create(fixture.longs(modality + ".lengths"))));
        }
        Taps taps = new Taps();

        Features out = run(fusion, inputs, taps);

        assertThat(out.values().getShape().getShape()).containsExactly(2, 4, 16);
        assertThat(out.lengths().toLongArray()).containsExactly(fixture.longs("text.lengths"));
        assertThat(out.values().toFloatArray()).containsExactly(fixture.floats("y"), within(1e-5f));
        assertThat(taps.get("gate.audio").toFloatArray()).containsExactly(fixture.floats("gate.audio"),
                within(1e-6f));
        assertThat(taps.get("gate.vision").toFloatArray()).containsExactly(fixture.floats("gate.vision"),
                within(1e-6f));
    }

    /** The FBP parameters (eq. 9–12) of both streams: U, V and the output layer. */
    private static final List<String> GATE_PARAMETERS = List.of("01audio_02gate_01u_weight",
            "01audio_02gate_02v_weight", "01audio_02gate_03output_weight", "01audio_02gate_03output_bias",
            "02vision_02gate_01u_weight", "02vision_02gate_02v_weight", "02vision_02gate_03output_weight",
            "02vision_02gate_03output_bias");

    /** ∂L/∂θ of L = Σ out ⊙ probe for every gate parameter, summed in absolute value. */
    private Map<String, Double> gateGradients(Fusion fusion) {
        Blocks.randomize(fusion, new Random(7));
        Map<String, Features> inputs = inputs(new Random(8), new long[] {4, 3}, new long[] {4, 2},
                new long[] {3, 4});
        NDArray probe = manager.randomNormal(new Shape(2, 4, 16));
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(run(fusion, inputs, new Taps()).values().mul(probe).sum());
        }
        Map<String, Double> gradients = new HashMap<>();
        for (String name : GATE_PARAMETERS) {
            NDArray gradient = fusion.getParameters().get(name).getArray().getGradient();
            gradients.put(name, (double) gradient.abs().sum().getFloat());
        }
        return gradients;
    }

    /** papers.md: the FBP gate must train, unlike the official code's. */
    @ParameterizedTest
    @CsvSource({"sigmoid", "straight-through"})
    void theGateParametersReceiveAGradient(String gate) {
        Map<String, Double> gradients = gateGradients(small(gate, false));

        assertThat(gradients).hasSize(GATE_PARAMETERS.size());
        gradients.forEach((name, sum) -> assertThat(sum).as(name).isPositive().isFinite());
    }

    /** The official code's g/|g| gate passes no gradient: its gate layers never leave their initial values. */
    @Test
    void theReferenceHardGatePassesNoGradient() {
        Fusion fusion = small("hard", true);
        assertThat(fusion.getParameters().keys()).doesNotContain("02vision_02gate_03output_weight");
        Blocks.randomize(fusion, new Random(7));
        Map<String, Features> inputs = inputs(new Random(8), new long[] {4, 3}, new long[] {4, 2},
                new long[] {3, 4});
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(run(fusion, inputs, new Taps()).values().sum());
        }
        for (String name : GATE_PARAMETERS.subList(0, 4)) {
            assertThat(fusion.getParameters().get(name).getArray().getGradient().abs().sum().getFloat()).as(name)
                    .isZero();
        }
    }

    @Test
    void theStraightThroughGateIsExactlyTheStepOfTheSigmoidGate() {
        Fusion soft = small("sigmoid", false);
        Blocks.randomize(soft, new Random(9));
        Fusion hard = small("straight-through", false);
        Blocks.copyParameters(soft, hard);
        Map<String, Features> inputs = inputs(new Random(10), new long[] {4, 4}, new long[] {4, 4},
                new long[] {4, 4});
        Taps softTaps = new Taps();
        Taps hardTaps = new Taps();
        run(soft, inputs, softTaps);

        Features out = run(hard, inputs, hardTaps);

        int ones = 0;
        for (String tap : List.of("gate.audio", "gate.vision")) {
            float[] sigmoid = softTaps.get(tap).toFloatArray();
            float[] step = hardTaps.get(tap).toFloatArray();
            assertThat(hardTaps.get(tap).getShape().getShape()).containsExactly(2, 4);
            for (int i = 0; i < step.length; i++) {
                assertThat(step[i]).as("%s[%d], σ(g) = %f", tap, i, sigmoid[i])
                        .isEqualTo(sigmoid[i] > 0.5f ? 1f : 0f);
                ones += (int) step[i];
            }
        }
        assertThat(ones).as("both values occur").isBetween(1, 15);
        assertThat(out.values().toFloatArray()).doesNotContain(Float.NaN);
    }

    /** gate: none is the w/o-GM ablation: LN(CA(T, S) + T), the same as a gate fixed at σ(100) = 1. */
    @Test
    void noGateGivesTheUngatedStreams() {
        Fusion ungated = small("none", false);
        Blocks.randomize(ungated, new Random(11));
        Fusion gated = small("sigmoid", false);
        for (var entry : ungated.getParameters()) {
            gated.getParameters().get(entry.getKey().replace("_02norm_", "_03norm_")).getArray()
                    .set(entry.getValue().getArray().toFloatArray());
        }
        for (String stream : List.of("01audio", "02vision")) {
            gated.getParameters().get(stream + "_02gate_03output_weight").getArray().set(new float[] {0, 0, 0});
            gated.getParameters().get(stream + "_02gate_03output_bias").getArray().set(new float[] {100});
        }
        Map<String, Features> inputs = inputs(new Random(12), new long[] {4, 3}, new long[] {4, 2},
                new long[] {3, 4});
        Taps taps = new Taps();

        float[] actual = run(ungated, inputs, taps).values().toFloatArray();

        assertThat(actual).containsExactly(run(gated, inputs, new Taps()).values().toFloatArray(), within(1e-6f));
        assertThat(taps.get("gate.audio").toFloatArray()).containsOnly(1f);
        assertThat(taps.get("gate.vision").toFloatArray()).containsOnly(1f);
    }

    @Test
    void paddedKeyStepsChangeNothing() {
        Fusion fusion = small("sigmoid", false);
        Blocks.randomize(fusion, new Random(13));
        Map<String, Features> inputs = inputs(new Random(14), new long[] {4, 3}, new long[] {4, 2},
                new long[] {3, 4});
        Map<String, Features> noisy = new LinkedHashMap<>(inputs);
        for (String name : List.of("audio", "audio.shared", "vision", "vision.shared", "text", "text.shared")) {
            NDArray values = inputs.get(name).values().duplicate();
            values.set(new NDIndex(name.startsWith("vision") ? "0, 3:, :" : name.startsWith("audio") ? "1, 2:, :"
                    : "1, 3:, :"), Float.NaN);
            noisy.put(name, inputs.get(name).withValues(values));
        }

        float[] clean = run(fusion, inputs, new Taps()).values().toFloatArray();

        assertThat(run(fusion, noisy, new Taps()).values().toFloatArray()).containsExactly(clean);
        assertThat(clean).doesNotContain(Float.NaN);
    }

    /**
     * reference/sati.md §7, per stream: cross-attention 3H² (Q, K, V without bias) + H² + H (output map), FBP
     * 2·H·o·k (U, V) + o + 1 (output layer), LayerNorm 2H; positions have none.
     */
    @ParameterizedTest
    @CsvSource({"sigmoid, false, 164674", "straight-through, false, 164674", "none, false, 131840",
        "hard, true, 164641", "sigmoid, true, 164641"})
    void hasTheParametersOfTheClosedForm(String gate, boolean quirks, long expected) {
        int h = 128;
        long attention = 3L * h * h + h * h + h;
        long fbp = 2L * h * 32 * 2 + 32 + 1;
        long norm = 2L * h;
        long closedForm = 2 * (attention + norm) + (gate.equals("none") ? 0 : 2 * fbp - (quirks ? 32 + 1 : 0));
        assertThat(closedForm).isEqualTo(expected);

        Fusion fusion = build(50, h, Map.of("gate", gate, "reference-quirks", quirks));

        assertThat(Blocks.trainedSize(fusion)).isEqualTo(expected);
        assertThat(fusion.output()).isEqualTo(FeatureShape.sequence(50, 2 * h));
    }

    @Test
    void defaultsAreSatisCode() {
        assertThat(Parameters.defaults(factory.parameters()).asMap()).containsAllEntriesOf(Map.of("heads", 4,
                "dropout", 0.2, "fbp-dim", 32, "fbp-pool", 2, "gate-dropout", 0.4, "gate", "sigmoid",
                "reference-quirks", false));
        assertThat(factory.taps()).containsExactlyInAnyOrder("gate.audio", "gate.vision");
    }

    @Test
    void dropoutActsInTrainingOnly() {
        Fusion fusion = small("sigmoid", false);
        Map<String, Features> inputs = inputs(new Random(15), new long[] {4, 4}, new long[] {4, 4},
                new long[] {4, 4});
        float[] evaluated = run(fusion, inputs, new Taps()).values().toFloatArray();
        assertThat(run(fusion, inputs, new Taps()).values().toFloatArray()).containsExactly(evaluated);
        assertThat(fusion.forward(new ParameterStore(manager, false), inputs, new Taps(), true).values()
                .toFloatArray()).isNotEqualTo(evaluated);
    }

    @Test
    void rejectsWhatItCannotFuse() {
        Parameters defaults = Parameters.defaults(factory.parameters());
        Map<String, FeatureShape> shapes = new LinkedHashMap<>();
        NAMES.forEach(name -> shapes.put(name, FeatureShape.sequence(5, 8)));
        Map<String, FeatureShape> missing = new LinkedHashMap<>(shapes);
        missing.remove("vision.shared");
        assertThatThrownBy(() -> factory.create(defaults, missing, context))
                .hasMessage("semantic-fusion needs exactly the inputs [text, audio, vision, text.shared, "
                        + "audio.shared, vision.shared], found [text, audio, vision, text.shared, audio.shared]");
        Map<String, FeatureShape> wider = new LinkedHashMap<>(shapes);
        wider.put("audio", FeatureShape.sequence(5, 16));
        assertThatThrownBy(() -> factory.create(defaults, wider, context))
                .hasMessageEndingWith("found 'text' 5x8 and 'audio' 5x16");
        assertThatThrownBy(() -> build(5, 6, Map.of("heads", 4)))
                .hasMessage("semantic-fusion: heads 4 must divide the width 6");
        assertThatThrownBy(() -> build(5, 8, Map.of("gate", "hard")))
                .hasMessageStartingWith("semantic-fusion: gate 'hard'")
                .hasMessageContaining("reference-quirks: true");
    }

    /** audio.gate.output.weight → 01audio_02gate_03output_weight; audio.norm.weight → 01audio_03norm_gamma. */
    private static String javaName(String torchName) {
        String[] parts = torchName.split("\\.");
        String stream = TORCH_MODULES.get(parts[0]);
        if (parts[1].equals("norm")) {
            return stream + "_03norm_" + (parts[2].equals("weight") ? "gamma" : "beta");
        }
        String module = !parts[2].equals("output") ? TORCH_MODULES.get(parts[2])
                : parts[1].equals("attention") ? "04output" : "03output";
        return stream + "_" + TORCH_MODULES.get(parts[1]) + "_" + module + "_" + parts[3];
    }
}
