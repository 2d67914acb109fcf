package io.mosaic.fusion.mct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.Taps;
import io.mosaic.fusion.testing.Blocks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MctFusionTest {
    private final MctFactory factory = new MctFactory();
    private NDManager manager;
    private BuildContext context;

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(7);
        manager = NDManager.newBaseManager();
        context = Blocks.context(manager, DataType.FLOAT32);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Fusion build(Map<String, FeatureShape> inputs, Map<String, Object> raw) {
        return factory.create(Parameters.of(factory.parameters(), raw), inputs, context);
    }

    private static Map<String, FeatureShape> shapes(int dim, int... steps) {
        String[] names = {"text", "audio", "vision"};
        Map<String, FeatureShape> shapes = new LinkedHashMap<>();
        for (int m = 0; m < steps.length; m++) {
            shapes.put(names[m], FeatureShape.sequence(steps[m], dim));
        }
        return shapes;
    }

    @ParameterizedTest
    @CsvSource({"1, 32544", "2, 65024", "3, 97504"})
    void hasCidersParameterCountPerLayerPlusTheFinalNorm(int layers, long expected) {
        // per layer (D = 32): in_proj 3,168 + 7 out_proj 7,392 + 3 merges 12,384 + final_out_proj 1,056
        // + FFN 8,352 + 2 LayerNorms 128 = 32,480; then the final LayerNorm 64 (reference §5.5)
        Fusion mct = build(shapes(32, 50, 50, 50), Map.of("layers", layers));

        assertThat(Blocks.trainedSize(mct)).isEqualTo(expected);
    }

    @Test
    void mergesTwoBlocksOverTheirThreeVariants() {
        // 2 blocks: in_proj 3·16·16 + 48, 3 variant maps 3·(256 + 16), 2 merges 2·(2·16·16 + 16),
        // final 272, FFN 16·64 + 64 + 64·16 + 16, 2 norms 64; final norm 32
        long layer = 816 + 816 + 1056 + 272 + 2128 + 64;

        assertThat(Blocks.trainedSize(build(shapes(16, 3, 5), Map.of("layers", 1, "heads", 2))))
                .isEqualTo(layer + 32);
    }

    @ParameterizedTest
    @CsvSource({"true,", "true, false", "true, true", "false,"})
    void joinsTheBlocksInInputOrderEachWithItsOwnPositions(boolean positions, Boolean scaleInput) {
        int dim = 4;
        Map<String, Object> raw = new LinkedHashMap<>(Map.of("layers", 1, "heads", 2, "positions", positions));
        if (scaleInput != null) {
            raw.put("scale-input", scaleInput);
        }
        Fusion mct = build(shapes(dim, 2, 3, 1), raw);
        // CIDer's official code adds the codes to the input as it is: scaling by √D is an option, off by default
        double scale = Boolean.TRUE.equals(scaleInput) ? Math.sqrt(dim) : 1;
        Blocks.randomize(mct, new Random(1));
        // With the attention's final map and fc2 at zero both residual branches add 0, so the output is the final
        // LayerNorm (γ, β random) of the positioned input at every real position.
        for (var parameter : mct.getParameters()) {
            String name = parameter.getKey();
            if (name.endsWith("final_weight") || name.endsWith("final_bias") || name.contains("fc2_")) {
                NDArray array = parameter.getValue().getArray();
                array.set(new float[Math.toIntExact(array.size())]);
            }
        }
        Random random = new Random(2);
        Features text = Blocks.sequence(manager, random, 2, dim, DataType.FLOAT32, 2, 1);
        Features audio = Blocks.sequence(manager, random, 3, dim, DataType.FLOAT32, 3, 2);
        Features vision = Blocks.sequence(manager, random, 1, dim, DataType.FLOAT32, 1, 1);
        Map<String, Features> inputs = new LinkedHashMap<>();
        inputs.put("vision", vision);
        inputs.put("text", text);
        inputs.put("audio", audio);

        Features out = mct.forward(new ParameterStore(manager, false), inputs, new Taps(), false);

        assertThat(mct.output()).isEqualTo(FeatureShape.sequence(6, dim));
        assertThat(out.values().getShape()).isEqualTo(new Shape(2, 6, dim));
        assertThat(out.lengths().toLongArray()).containsExactly(6, 6);
        float[] gamma = parameter(mct, "01encoder_02norm_gamma");
        float[] beta = parameter(mct, "01encoder_02norm_beta");
        float[][][] blocks = {values(text), values(audio), values(vision)};
        long[][] lengths = {{2, 1}, {3, 2}, {1, 1}};
        float[] actual = out.values().toFloatArray();
        for (int b = 0; b < 2; b++) {
            int position = 0;
            for (int m = 0; m < 3; m++) {
                for (int t = 0; t < blocks[m][b].length / dim; t++, position++) {
                    float[] expected = new float[dim];
                    if (t < lengths[m][b]) {
                        double[] x = new double[dim];
                        for (int d = 0; d < dim; d++) {
                            double value = blocks[m][b][t * dim + d];
                            x[d] = positions ? value * scale + code(t, d, dim) : value;
                        }
                        expected = layerNorm(x, gamma, beta);
                    }
                    float[] row = new float[dim];
                    System.arraycopy(actual, (b * 6 + position) * dim, row, 0, dim);
                    assertThat(row).as("sample %d, block %d, step %d", b, m, t).containsExactly(expected,
                            within(1e-5f));
                }
            }
        }
    }

    @Test
    void blockedAndDenseAttentionGiveEqualOutputsAndTapsWithPadding() {
        Map<String, FeatureShape> shapes = shapes(8, 4, 5, 6);
        Fusion dense = build(shapes, Map.of("attention", "dense", "heads", 2));
        Fusion blocked = build(shapes, Map.of("attention", "blocked", "heads", 2));
        Blocks.randomize(dense, new Random(3));
        Blocks.copyParameters(dense, blocked);
        Random random = new Random(4);
        Map<String, Features> inputs = new LinkedHashMap<>();
        inputs.put("text", Blocks.sequence(manager, random, 4, 8, DataType.FLOAT32, 4, 2, 1));
        // the last sample has no real audio step, so variant A has no real key for it
        inputs.put("audio", Blocks.sequence(manager, random, 5, 8, DataType.FLOAT32, 5, 3, 0));
        inputs.put("vision", Blocks.sequence(manager, random, 6, 8, DataType.FLOAT32, 2, 6, 4));
        ParameterStore store = new ParameterStore(manager, false);
        Taps denseTaps = new Taps();
        Taps blockedTaps = new Taps();

        NDArray expected = dense.forward(store, inputs, denseTaps.scoped("fusion"), false).values();
        NDArray actual = blocked.forward(store, inputs, blockedTaps.scoped("fusion"), false).values();

        assertThat(Blocks.maxDifference(actual, expected)).isLessThan(1e-5);
        assertThat(expected.abs().max().getFloat()).isGreaterThan(0.1f);
        assertThat(Blocks.maxDifference(blockedTaps.get("fusion.attention"), denseTaps.get("fusion.attention")))
                .isLessThan(1e-5);
    }

    @Test
    void dropsOutInTrainingPassesOnly() {
        Fusion mct = build(shapes(8, 3, 4), Map.of("residual-dropout", 0.5));
        Random random = new Random(6);
        Map<String, Features> inputs = Map.of(
                "text", Blocks.sequence(manager, random, 3, 8, DataType.FLOAT32, 3, 2),
                "audio", Blocks.sequence(manager, random, 4, 8, DataType.FLOAT32, 4, 4));
        ParameterStore store = new ParameterStore(manager, false);

        float[] evaluation = mct.forward(store, inputs, new Taps(), false).values().toFloatArray();
        float[] again = mct.forward(store, inputs, new Taps(), false).values().toFloatArray();
        float[] training = mct.forward(store, inputs, new Taps(), true).values().toFloatArray();

        assertThat(again).containsExactly(evaluation);
        assertThat(training).isNotEqualTo(evaluation);
    }

    @Test
    void tapsTheLastLayersLogitsWithPaddingKeysForbidden() {
        Fusion mct = build(shapes(4, 2, 3), Map.of("layers", 2, "heads", 2));
        Random random = new Random(5);
        Map<String, Features> inputs = Map.of(
                "text", Blocks.sequence(manager, random, 2, 4, DataType.FLOAT32, 1),
                "audio", Blocks.sequence(manager, random, 3, 4, DataType.FLOAT32, 2));
        Taps taps = new Taps();

        mct.forward(new ParameterStore(manager, false), inputs, taps.scoped("fusion"), false);

        NDArray logits = taps.get("fusion.attention");
        assertThat(logits.getShape()).isEqualTo(new Shape(1, 2, 5, 5));
        float[] values = logits.toFloatArray();
        for (int i = 0; i < values.length; i++) {
            int key = i % 5;
            boolean padding = key == 1 || key == 4;
            assertThat(values[i] == -1e9f).as("entry %d", i).isEqualTo(padding);
        }
    }

    @Test
    void rejectsInputsOfDifferentWidthsNamingThem() {
        Map<String, FeatureShape> shapes = new LinkedHashMap<>();
        shapes.put("text", FeatureShape.sequence(50, 32));
        shapes.put("audio", FeatureShape.sequence(50, 16));

        assertThatThrownBy(() -> build(shapes, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one width")
                .hasMessageContaining("text=50x32")
                .hasMessageContaining("audio=50x16");
    }

    @Test
    void rejectsAPooledInput() {
        Map<String, FeatureShape> shapes = new LinkedHashMap<>();
        shapes.put("text", FeatureShape.sequence(50, 32));
        shapes.put("audio", FeatureShape.vector(32));

        assertThatThrownBy(() -> build(shapes, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'audio' is a pooled vector [32]");
    }

    @Test
    void rejectsAWidthThatTheHeadsDoNotDivide() {
        assertThatThrownBy(() -> build(shapes(30, 5), Map.of("heads", 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("width 30 must be a multiple of the number of heads, found 4");
    }

    @Test
    void rejectsMoreThanThreeInputs() {
        Map<String, FeatureShape> shapes = shapes(8, 2, 2, 2);
        shapes.put("extra", FeatureShape.sequence(2, 8));

        assertThatThrownBy(() -> build(shapes, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 3 sequence inputs, found 4");
    }

    private static float[] parameter(Fusion fusion, String name) {
        return fusion.getParameters().get(name).getArray().toFloatArray();
    }

    /** [B][T·D] of a block's values. */
    private static float[][] values(Features block) {
        Shape shape = block.values().getShape();
        float[] flat = block.values().toFloatArray();
        int row = Math.toIntExact(shape.get(1) * shape.get(2));
        float[][] out = new float[Math.toIntExact(shape.get(0))][row];
        for (int b = 0; b < out.length; b++) {
            System.arraycopy(flat, b * row, out[b], 0, row);
        }
        return out;
    }

    /** Vaswani et al.'s sinusoid: sin for even d, cos for odd d, at t / 10000^(2⌊d/2⌋/D). */
    private static double code(int t, int d, int dim) {
        double angle = t / Math.pow(10000, 2.0 * (d / 2) / dim);
        return d % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
    }

    private static float[] layerNorm(double[] x, float[] gamma, float[] beta) {
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double variance = 0;
        for (double v : x) {
            variance += (v - mean) * (v - mean) / x.length;
        }
        float[] out = new float[x.length];
        for (int d = 0; d < x.length; d++) {
            out[d] = (float) (gamma[d] * (x[d] - mean) / Math.sqrt(variance + 1e-5) + beta[d]);
        }
        return out;
    }
}
