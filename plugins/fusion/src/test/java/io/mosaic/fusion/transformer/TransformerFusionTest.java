package io.mosaic.fusion.transformer;

import static org.assertj.core.api.Assertions.assertThat;
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
import io.mosaic.fusion.layers.BlockLayout;
import io.mosaic.fusion.layers.KeyPadding;
import io.mosaic.fusion.layers.MultiHeadSelfAttention;
import io.mosaic.fusion.testing.Blocks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransformerFusionTest {
    private final TransformerFactory factory = new TransformerFactory();
    private NDManager manager;
    private BuildContext context;

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(19);
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
        Map<String, FeatureShape> shapes = new LinkedHashMap<>();
        for (int m = 0; m < steps.length; m++) {
            shapes.put("input" + m, FeatureShape.sequence(steps[m], dim));
        }
        return shapes;
    }

    @ParameterizedTest
    @CsvSource({"1, 12768", "2, 25472"})
    void hasOneOutputMapPerLayer(int layers, long expected) {
        // per layer (D = 32): in_proj 3,168 + out_proj 1,056 + FFN 8,352 + 2 LayerNorms 128 = 12,704; final norm 64
        assertThat(Blocks.trainedSize(build(shapes(32, 50, 50, 50), Map.of("layers", layers)))).isEqualTo(expected);
    }

    @Test
    void neverWeighsPaddingKeys() {
        Map<String, FeatureShape> shapes = shapes(4, 2, 3);
        MultiHeadSelfAttention attention = new MultiHeadSelfAttention(4, 2, 0.0, context);
        Blocks.randomize(attention, new Random(1));
        Random random = new Random(2);
        BlockLayout.Joined joined = BlockLayout.of("transformer", shapes).join(Map.of(
                "input0", Blocks.sequence(manager, random, 2, 4, DataType.FLOAT32, 1, 2),
                "input1", Blocks.sequence(manager, random, 3, 4, DataType.FLOAT32, 2, 1)));

        NDArray weights = attention.weights(new ParameterStore(manager, false), joined.values(),
                KeyPadding.of(joined.valid(), DataType.FLOAT32));

        boolean[][] padding = {{false, true, false, false, true}, {false, false, false, true, true}};
        float[] values = weights.toFloatArray();
        assertThat(weights.getShape()).isEqualTo(new Shape(2, 2, 5, 5));
        for (int row = 0; row < 2 * 2 * 5; row++) {
            double sum = 0;
            for (int k = 0; k < 5; k++) {
                float weight = values[row * 5 + k];
                if (padding[row / 10][k]) {
                    assertThat(weight).as("row %d, key %d", row, k).isZero();
                } else {
                    assertThat(weight).as("row %d, key %d", row, k).isPositive();
                }
                sum += weight;
            }
            assertThat(sum).isCloseTo(1, within(1e-6));
        }
    }

    @ParameterizedTest
    @CsvSource({"false", "true"})
    void equalsAHandWrittenPreNormLayerWithTwoHeads(boolean positions) {
        int dim = 4;
        // by default the position codes are added to the input as it is (no √D scaling), as in mct
        Fusion transformer = build(shapes(dim, 2, 3), Map.of("layers", 1, "heads", 2, "positions", positions));
        Blocks.randomize(transformer, new Random(3));
        Random random = new Random(4);
        Map<String, Features> inputs = new LinkedHashMap<>();
        inputs.put("input0", Blocks.sequence(manager, random, 2, dim, DataType.FLOAT32, 2, 1));
        inputs.put("input1", Blocks.sequence(manager, random, 3, dim, DataType.FLOAT32, 1, 3));
        boolean[][] real = {{true, true, true, false, false}, {true, false, true, true, true}};
        float[] x = BlockLayout.of("transformer", shapes(dim, 2, 3)).join(inputs).values().toFloatArray();
        Taps taps = new Taps();

        Features out = transformer.forward(new ParameterStore(manager, false), inputs, taps, false);

        float[] actual = out.values().toFloatArray();
        assertThat(out.lengths().toLongArray()).containsExactly(5, 5);
        assertThat(taps.get("attention").getShape()).isEqualTo(new Shape(2, 2, 5, 5));
        for (int b = 0; b < 2; b++) {
            double[][] sample = new double[5][dim];
            for (int t = 0; t < 5; t++) {
                int step = t < 2 ? t : t - 2;
                for (int d = 0; d < dim; d++) {
                    sample[t][d] = x[(b * 5 + t) * dim + d] + (positions ? code(step, d, dim) : 0);
                }
            }
            double[][] expected = new ReferenceLayer(transformer, dim, 2).encode(sample, real[b]);
            for (int t = 0; t < 5; t++) {
                for (int d = 0; d < dim; d++) {
                    assertThat(actual[(b * 5 + t) * dim + d]).as("sample %d, step %d, feature %d", b, t, d)
                            .isCloseTo((float) expected[t][d], within(1e-5f));
                }
            }
        }
    }

    /** Vaswani et al.'s sinusoidal code of step t, feature d. */
    private static double code(int t, int d, int dim) {
        double angle = t / Math.pow(10000, 2.0 * (d / 2) / dim);
        return d % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
    }

    /** One pre-LN layer and the final norm written out with loops, reading the fusion's parameters. */
    private static final class ReferenceLayer {
        private final Fusion fusion;
        private final int dim;
        private final int heads;

        ReferenceLayer(Fusion fusion, int dim, int heads) {
            this.fusion = fusion;
            this.dim = dim;
            this.heads = heads;
        }

        double[][] encode(double[][] x, boolean[] real) {
            String layer = "01encoder_01layer0_";
            double[][] attended = attention(norm(x, layer + "01norm0"), real);
            double[][] y = add(x, attended);
            double[][] hidden = linear(norm(y, layer + "03norm1"), layer + "04feedForward_01fc1");
            for (double[] row : hidden) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = Math.max(0, row[i]);
                }
            }
            double[][] out = norm(add(y, linear(hidden, layer + "04feedForward_02fc2")), "01encoder_02norm");
            for (int t = 0; t < out.length; t++) {
                if (!real[t]) {
                    out[t] = new double[dim];
                }
            }
            return out;
        }

        private double[][] attention(double[][] x, boolean[] real) {
            double[][] qkv = linear(x, "01encoder_01layer0_02attention_01inProjection_01projection");
            int width = dim / heads;
            double[][] context = new double[x.length][dim];
            for (int h = 0; h < heads; h++) {
                for (int q = 0; q < x.length; q++) {
                    double[] logits = new double[x.length];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < x.length; k++) {
                        double dot = 0;
                        for (int i = 0; i < width; i++) {
                            dot += qkv[q][h * width + i] * qkv[k][dim + h * width + i];
                        }
                        logits[k] = dot / Math.sqrt(width);
                        if (real[k]) {
                            max = Math.max(max, logits[k]);
                        }
                    }
                    double total = 0;
                    for (int k = 0; k < x.length; k++) {
                        logits[k] = real[k] ? Math.exp(logits[k] - max) : 0;
                        total += logits[k];
                    }
                    for (int k = 0; k < x.length; k++) {
                        for (int i = 0; i < width; i++) {
                            context[q][h * width + i] += logits[k] / total * qkv[k][2 * dim + h * width + i];
                        }
                    }
                }
            }
            return linear(context, "01encoder_01layer0_02attention_02output");
        }

        private double[][] linear(double[][] x, String name) {
            float[] weight = array(name + "_weight");
            float[] bias = array(name + "_bias");
            double[][] out = new double[x.length][bias.length];
            for (int t = 0; t < x.length; t++) {
                for (int o = 0; o < bias.length; o++) {
                    out[t][o] = bias[o];
                    for (int i = 0; i < x[t].length; i++) {
                        out[t][o] += weight[o * x[t].length + i] * x[t][i];
                    }
                }
            }
            return out;
        }

        private double[][] norm(double[][] x, String name) {
            float[] gamma = array(name + "_gamma");
            float[] beta = array(name + "_beta");
            double[][] out = new double[x.length][dim];
            for (int t = 0; t < x.length; t++) {
                double mean = 0;
                for (double v : x[t]) {
                    mean += v / dim;
                }
                double variance = 0;
                for (double v : x[t]) {
                    variance += (v - mean) * (v - mean) / dim;
                }
                for (int d = 0; d < dim; d++) {
                    out[t][d] = gamma[d] * (x[t][d] - mean) / Math.sqrt(variance + 1e-5) + beta[d];
                }
            }
            return out;
        }

        private static double[][] add(double[][] a, double[][] b) {
            double[][] out = new double[a.length][];
            for (int t = 0; t < a.length; t++) {
                out[t] = a[t].clone();
                for (int d = 0; d < out[t].length; d++) {
                    out[t][d] += b[t][d];
                }
            }
            return out;
        }

        private float[] array(String name) {
            return fusion.getParameters().get(name).getArray().toFloatArray();
        }
    }
}
