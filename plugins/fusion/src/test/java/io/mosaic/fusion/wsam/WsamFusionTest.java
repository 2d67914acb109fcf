package io.mosaic.fusion.wsam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WsamFusionTest {
    private final WsamFactory factory = new WsamFactory();
    private NDManager manager;
    private BuildContext context;

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(13);
        manager = NDManager.newBaseManager();
        context = () -> manager;
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Fusion build(int steps, int frames, int dim, Map<String, Object> raw, BuildContext build) {
        return factory.create(Parameters.of(factory.parameters(), raw), shapes(steps, frames, dim), build);
    }

    private static Map<String, FeatureShape> shapes(int steps, int frames, int dim) {
        Map<String, FeatureShape> shapes = new LinkedHashMap<>();
        shapes.put("text", FeatureShape.sequence(steps, dim));
        shapes.put("audio", FeatureShape.sequence(frames, dim));
        return shapes;
    }

    private static Map<String, Features> inputs(Features text, Features audio) {
        Map<String, Features> inputs = new LinkedHashMap<>();
        inputs.put("audio", audio);
        inputs.put("text", text);
        return inputs;
    }

    private Features sequence(float[] values, int batch, int steps, int dim, long... lengths) {
        return Features.sequence(manager.create(values, new Shape(batch, steps, dim)), manager.create(lengths));
    }

    private static void set(Fusion fusion, String name, float... values) {
        fusion.getParameters().get(name).getArray().set(values);
    }

    @Test
    void computesTheHandWorkedAlignmentOfTwoWordsOverTwoValidFrames() {
        Fusion wsam = build(2, 3, 2, Map.of("special-tokens", false), context);
        // Packed rows [W_q; W_k; W_v]: W_q = I, W_k = diag(√2·ln 3, 5), W_v swaps the two features; b_v = (1, 0).
        float k = (float) (Math.sqrt(2) * Math.log(3));
        set(wsam, "in_proj_weight", 1, 0, 0, 1, k, 0, 0, 5, 0, 1, 1, 0);
        set(wsam, "in_proj_bias", 0, 0, 0, 0, 1, 0);
        set(wsam, "01out_proj_weight", 1, 0, 0, 2);
        set(wsam, "01out_proj_bias", 0.5f, -0.5f);
        Features text = sequence(new float[] {0, 0, 1, 0}, 1, 2, 2, 2);
        // Frame 2 is padding: its values must not matter.
        Features audio = sequence(new float[] {0, 1, 1, 1, 100, -100}, 1, 3, 2, 2);
        Taps taps = new Taps();

        Features out = wsam.forward(new ParameterStore(manager, false), inputs(text, audio), taps, false);

        // Keys k_0 = (0, 5), k_1 = (√2·ln 3, 5); values v_0 = (2, 0), v_1 = (2, 1).
        // Word 0, q = (0, 0): logits (0, 0), weights (1/2, 1/2), context (2, 0.5), output (2.5, 0.5).
        // Word 1, q = (1, 0): logits q·k / √2 = (0, ln 3), weights (1/4, 3/4), context (2, 0.75), output (2.5, 1).
        assertThat(taps.get("attention").getShape()).isEqualTo(new Shape(1, 1, 2, 3));
        assertThat(taps.get("attention").toFloatArray())
                .containsExactly(new float[] {0.5f, 0.5f, 0, 0.25f, 0.75f, 0}, within(1e-6f));
        assertThat(out.values().getShape()).isEqualTo(new Shape(1, 2, 2));
        assertThat(out.values().toFloatArray()).containsExactly(new float[] {2.5f, 0.5f, 2.5f, 1}, within(1e-5f));
        assertThat(out.lengths().toLongArray()).containsExactly(2);
    }

    @Test
    void specialTokenAndPaddingWordsGetZeroWeightsAndOnlyTheOutputBias() {
        Fusion wsam = build(5, 4, 4, Map.of("heads", 2), context);
        float[] bias = {0.25f, -1, 2, 0.5f};
        set(wsam, "01out_proj_bias", bias);
        Features text = Features.sequence(manager.randomNormal(new Shape(2, 5, 4)), manager.create(new long[] {5, 3}));
        Features audio = Features.sequence(manager.randomNormal(new Shape(2, 4, 4)), manager.create(new long[] {4, 2}));
        Taps taps = new Taps();

        Features out = wsam.forward(new ParameterStore(manager, false), inputs(text, audio), taps, false);

        NDArray attention = taps.get("attention");
        assertThat(attention.getShape()).isEqualTo(new Shape(2, 2, 5, 4));
        float[] weights = attention.toFloatArray();
        float[] values = out.values().toFloatArray();
        long[] contextLengths = {4, 2};
        // Sample 0 (length 5): [CLS] at 0, words 1..3, [SEP] at 4. Sample 1 (length 3): [CLS], word 1, [SEP], padding.
        boolean[][] words = {{false, true, true, true, false}, {false, true, false, false, false}};
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 5; i++) {
                for (int h = 0; h < 2; h++) {
                    double sum = 0;
                    for (int j = 0; j < 4; j++) {
                        float w = weights[((b * 2 + h) * 5 + i) * 4 + j];
                        if (!words[b][i] || j >= contextLengths[b]) {
                            assertThat(w).as("sample %d, head %d, word %d, frame %d", b, h, i, j).isEqualTo(0f);
                        }
                        assertThat(w).isGreaterThanOrEqualTo(0f);
                        sum += w;
                    }
                    assertThat(sum).as("sample %d, head %d, word %d", b, h, i)
                            .isCloseTo(words[b][i] ? 1 : 0, within(1e-6));
                }
                if (!words[b][i]) {
                    for (int d = 0; d < 4; d++) {
                        assertThat(values[(b * 5 + i) * 4 + d]).isEqualTo(bias[d]);
                    }
                }
            }
        }
        assertThat(out.lengths().toLongArray()).containsExactly(5, 3);
        assertThat(wsam.output()).isEqualTo(FeatureShape.sequence(5, 4));
    }

    @Test
    void paddedFramesDoNotChangeTheOutput() {
        Fusion wsam = build(4, 3, 4, Map.of(), context);
        Features text = Features.sequence(manager.randomNormal(new Shape(1, 4, 4)), manager.create(new long[] {4}));
        float[] frames = manager.randomNormal(new Shape(1, 3, 4)).toFloatArray();
        float[] noisy = frames.clone();
        noisy[8] = Float.NaN;
        noisy[11] = 1e6f;
        ParameterStore store = new ParameterStore(manager, false);

        float[] clean = wsam.forward(store, inputs(text, sequence(frames, 1, 3, 4, 2)), new Taps(), false)
                .values().toFloatArray();
        float[] withNoise = wsam.forward(store, inputs(text, sequence(noisy, 1, 3, 4, 2)), new Taps(), false)
                .values().toFloatArray();

        assertThat(withNoise).containsExactly(clean, within(0f));
    }

    @Test
    void attentionDropoutActsInTrainingPassesOnly() {
        Fusion wsam = build(6, 6, 4, Map.of("attention-dropout", 0.5, "special-tokens", false), context);
        Features text = Features.sequence(manager.randomNormal(new Shape(2, 6, 4)), manager.create(new long[] {6, 6}));
        Features audio = Features.sequence(manager.randomNormal(new Shape(2, 6, 4)), manager.create(new long[] {6, 6}));
        ParameterStore store = new ParameterStore(manager, false);

        float[] evaluation = wsam.forward(store, inputs(text, audio), new Taps(), false).values().toFloatArray();
        float[] again = wsam.forward(store, inputs(text, audio), new Taps(), false).values().toFloatArray();
        float[] training = wsam.forward(store, inputs(text, audio), new Taps(), true).values().toFloatArray();

        assertThat(again).containsExactly(evaluation);
        assertThat(training).isNotEqualTo(evaluation);
    }

    @Test
    void hasAPackedInProjectionAndAnOutProjectionWhateverTheHeads() {
        for (int heads : new int[] {1, 4}) {
            Fusion wsam = build(50, 375, 32, Map.of("heads", heads), context);
            long size = wsam.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
            // (3·32·32 + 3·32) + (32·32 + 32), as torch's MultiheadAttention(32, h)
            assertThat(size).isEqualTo(4_224L);
        }
    }

    @Test
    void gradientWithRespectToBothInputsMatchesCentralDifferences() {
        BuildContext doubles = new BuildContext() {
            @Override
            public NDManager manager() {
                return manager;
            }

            @Override
            public DataType dataType() {
                return DataType.FLOAT64;
            }
        };
        Fusion wsam = build(4, 3, 4, Map.of("heads", 2), doubles);
        NDArray lengths = manager.create(new long[] {4, 3});
        NDArray frameLengths = manager.create(new long[] {3, 2});
        NDArray x = manager.randomNormal(new Shape(2, 4, 4)).toType(DataType.FLOAT64, false);
        NDArray c = manager.randomNormal(new Shape(2, 3, 4)).toType(DataType.FLOAT64, false);
        NDArray r = manager.randomNormal(new Shape(2, 4, 4)).toType(DataType.FLOAT64, false);
        ParameterStore store = new ParameterStore(manager, false);
        // L = Σ r ⊙ wsam(x, c): a scalar whose gradient reaches every output entry with its own weight.
        BiFunction<NDArray, NDArray, NDArray> loss = (text, audio) -> wsam.forward(store,
                inputs(Features.sequence(text, lengths), Features.sequence(audio, frameLengths)), new Taps(), false)
                .values().mul(r).sum();

        x.setRequiresGradient(true);
        c.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(loss.apply(x, c));
        }
        double[] textGradient = x.getGradient().toDoubleArray();
        double[] audioGradient = c.getGradient().toDoubleArray();

        double eps = 1e-6;
        double[] xs = x.toDoubleArray();
        double[] cs = c.toDoubleArray();
        for (int i = 0; i < xs.length; i++) {
            double up = loss.apply(shifted(xs, i, eps, x.getShape()), c).getDouble();
            double down = loss.apply(shifted(xs, i, -eps, x.getShape()), c).getDouble();
            assertThat(textGradient[i]).as("dL/dx[%d]", i).isCloseTo((up - down) / (2 * eps), within(1e-6));
        }
        for (int i = 0; i < cs.length; i++) {
            double up = loss.apply(x, shifted(cs, i, eps, c.getShape())).getDouble();
            double down = loss.apply(x, shifted(cs, i, -eps, c.getShape())).getDouble();
            assertThat(audioGradient[i]).as("dL/dc[%d]", i).isCloseTo((up - down) / (2 * eps), within(1e-6));
        }
        assertThat(textGradient).as("the text has real words").isNotEqualTo(new double[textGradient.length]);
    }

    private NDArray shifted(double[] values, int index, double by, Shape shape) {
        double[] copy = values.clone();
        copy[index] += by;
        return manager.create(copy, shape);
    }

    @Test
    void rejectsAnythingButTwoSequencesOfOneWidth() {
        Parameters defaults = Parameters.defaults(factory.parameters());
        Map<String, FeatureShape> three = new LinkedHashMap<>(shapes(50, 375, 32));
        three.put("vision", FeatureShape.sequence(500, 32));
        assertThatThrownBy(() -> factory.create(defaults, three, context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly two sequence inputs")
                .hasMessageContaining("found 3: [text, audio, vision]");

        Map<String, FeatureShape> pooled = new LinkedHashMap<>();
        pooled.put("text", FeatureShape.sequence(50, 32));
        pooled.put("audio", FeatureShape.vector(32));
        assertThatThrownBy(() -> factory.create(defaults, pooled, context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("input 'audio' is a pooled vector [32]");

        Map<String, FeatureShape> widths = new LinkedHashMap<>();
        widths.put("text", FeatureShape.sequence(50, 32));
        widths.put("audio", FeatureShape.sequence(375, 5));
        assertThatThrownBy(() -> factory.create(defaults, widths, context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'text' 50x32 and 'audio' 375x5");

        assertThatThrownBy(() -> build(50, 375, 32, Map.of("heads", 3), context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must divide the width 32, found 3 heads");
    }

    @Test
    void declaresItsAttentionTap() {
        assertThat(factory.taps()).containsExactly("attention");
    }
}
