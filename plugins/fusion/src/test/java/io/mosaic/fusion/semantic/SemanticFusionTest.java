package io.mosaic.fusion.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.Taps;
import io.mosaic.fusion.testing.Blocks;
import io.mosaic.fusion.testing.TorchFixture;
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
