package io.mosaic.fusion.encoder;

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
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;
import io.mosaic.encoders.testing.TorchFixture;
import io.mosaic.fusion.testing.Blocks;
import java.io.IOException;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransformerEncoderTest {
    /** torch's parameter names in one nn.TransformerEncoderLayer → this encoder's, after the layer's prefix. */
    private static final Map<String, String> TORCH_NAMES = Map.ofEntries(
            Map.entry("self_attn.in_proj_weight", "01attention_01inProjection_01projection_weight"),
            Map.entry("self_attn.in_proj_bias", "01attention_01inProjection_01projection_bias"),
            Map.entry("self_attn.out_proj.weight", "01attention_02output_weight"),
            Map.entry("self_attn.out_proj.bias", "01attention_02output_bias"),
            Map.entry("linear1.weight", "02feedForward_01fc1_weight"),
            Map.entry("linear1.bias", "02feedForward_01fc1_bias"),
            Map.entry("linear2.weight", "02feedForward_02fc2_weight"),
            Map.entry("linear2.bias", "02feedForward_02fc2_bias"),
            Map.entry("norm1.weight", "03norm1_gamma"),
            Map.entry("norm1.bias", "03norm1_beta"),
            Map.entry("norm2.weight", "04norm2_gamma"),
            Map.entry("norm2.bias", "04norm2_beta"));

    private final TransformerEncoderFactory factory = new TransformerEncoderFactory();
    private NDManager manager;
    private BuildContext context;

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(23);
        manager = NDManager.newBaseManager();
        context = Blocks.context(manager, DataType.FLOAT32);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Encoder build(FeatureShape input, Map<String, Object> raw) {
        return factory.create(Parameters.of(factory.parameters(), raw), input, context);
    }

    private Features run(Encoder encoder, Features input, boolean training) {
        return encoder.forward(new ParameterStore(manager, false), input, new Taps(), training);
    }

    /** torch.nn.TransformerEncoder in eval mode with src_key_padding_mask, fixtures from make-fixtures.py. */
    @ParameterizedTest
    @CsvSource({"post-norm.tsv, 1, 2, 16, post", "pre-norm.tsv, 2, 3, 10, pre"})
    void equalsTorchsTransformerEncoderWithTheSameWeights(String resource, int layers, int heads, int ffn,
                                                          String norm) throws IOException {
        TorchFixture fixture = new TorchFixture(getClass(), resource);
        long[] shape = fixture.shape("x");
        Encoder encoder = build(FeatureShape.sequence((int) shape[1], (int) shape[2]),
                Map.of("layers", layers, "heads", heads, "ffn", ffn, "norm", norm));
        for (int i = 0; i < layers; i++) {
            for (Map.Entry<String, String> name : TORCH_NAMES.entrySet()) {
                fixture.load(encoder, String.format("%02dlayer%d_", i + 1, i) + name.getValue(),
                        "layers." + i + "." + name.getKey());
            }
        }
        long[] lengths = fixture.longs("lengths");
        Features input = Features.sequence(fixture.array(manager, "x"), manager.create(lengths));

        float[] actual = run(encoder, input, false).values().toFloatArray();

        float[] expected = fixture.floats("y");
        int steps = (int) shape[1];
        int dim = (int) shape[2];
        for (int b = 0; b < lengths.length; b++) {
            for (int t = 0; t < steps; t++) {
                for (int d = 0; d < dim; d++) {
                    int i = (b * steps + t) * dim + d;
                    if (t < lengths[b]) {
                        assertThat(actual[i]).as("sample %d, step %d, feature %d", b, t, d)
                                .isCloseTo(expected[i], within(1e-5f));
                    } else {
                        assertThat(actual[i]).as("padding: sample %d, step %d", b, t).isZero();
                    }
                }
            }
        }
    }

    @Test
    void paddingStepsChangeNoValidStep() {
        Encoder encoder = build(FeatureShape.sequence(5, 4), Map.of("heads", 2, "ffn", 8));
        Blocks.randomize(encoder, new Random(1));
        Features input = Blocks.sequence(manager, new Random(2), 5, 4, DataType.FLOAT32, 5, 3);
        NDArray changed = input.values().duplicate();
        changed.set(new ai.djl.ndarray.index.NDIndex("1, 3:, :"), Float.NaN);

        float[] clean = run(encoder, input, false).values().toFloatArray();
        float[] noisy = run(encoder, input.withValues(changed), false).values().toFloatArray();

        assertThat(noisy).containsExactly(clean);
        assertThat(clean).contains(0f).doesNotContain(Float.NaN);
    }

    @Test
    void sinusoidalPositionsAreAddedToTheInputAsItIs() {
        FeatureShape shape = FeatureShape.sequence(3, 4);
        Encoder plain = build(shape, Map.of("heads", 2, "ffn", 8));
        Encoder positioned = build(shape, Map.of("heads", 2, "ffn", 8, "positions", "sinusoidal"));
        Blocks.randomize(plain, new Random(3));
        Blocks.copyParameters(plain, positioned);
        Features input = Blocks.sequence(manager, new Random(4), 3, 4, DataType.FLOAT32, 3, 2);
        float[] codes = new float[3 * 4];
        for (int t = 0; t < 3; t++) {
            for (int d = 0; d < 4; d++) {
                double angle = t / Math.pow(10000, 2.0 * (d / 2) / 4);
                codes[t * 4 + d] = (float) (d % 2 == 0 ? Math.sin(angle) : Math.cos(angle));
            }
        }
        NDArray shifted = input.values().add(manager.create(codes, new Shape(1, 3, 4)));

        float[] expected = run(plain, input.withValues(shifted), false).values().toFloatArray();
        float[] actual = run(positioned, input, false).values().toFloatArray();

        assertThat(actual).containsExactly(expected, within(1e-6f));
    }

    /** nn.TransformerEncoderLayer: 4d² + 4d (attention) + 2·d·ffn + ffn + d (feed-forward) + 4d (two LayerNorms). */
    @ParameterizedTest
    @CsvSource({"74, 2, 2048, 1", "47, 1, 2048, 1", "6, 3, 10, 2"})
    void hasTheParametersOfTorchsEncoderLayer(int d, int heads, int ffn, int layers) {
        Encoder encoder = build(FeatureShape.sequence(20, d),
                Map.of("heads", heads, "ffn", ffn, "layers", layers));
        long perLayer = 4L * d * d + 4L * d + 2L * d * ffn + ffn + d + 4L * d;
        assertThat(Blocks.trainedSize(encoder)).isEqualTo(layers * perLayer);
        assertThat(encoder.output()).isEqualTo(FeatureShape.sequence(20, d));
    }

    @Test
    void defaultsAreSatisTorchDefaults() {
        Parameters defaults = Parameters.defaults(factory.parameters());
        assertThat(defaults.asMap()).containsAllEntriesOf(Map.of("layers", 1, "heads", 1, "ffn", 2048,
                "dropout", 0.1, "norm", "post", "positions", "none"));
    }

    @Test
    void dropoutActsInTrainingOnly() {
        Encoder encoder = build(FeatureShape.sequence(4, 4), Map.of("heads", 2, "ffn", 8, "dropout", 0.5));
        Features input = Blocks.sequence(manager, new Random(5), 4, 4, DataType.FLOAT32, 4, 4);
        assertThat(run(encoder, input, false).values().toFloatArray())
                .containsExactly(run(encoder, input, false).values().toFloatArray());
        assertThat(run(encoder, input, true).values().toFloatArray())
                .isNotEqualTo(run(encoder, input, false).values().toFloatArray());
    }

    @Test
    void namesTheHeadsAndTheWidthThatDoNotDivide() {
        assertThatThrownBy(() -> build(FeatureShape.sequence(10, 47), Map.of("heads", 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("transformer-encoder: heads 2 must divide the input width 47");
        assertThatThrownBy(() -> build(FeatureShape.vector(8), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pooled vector");
    }
}
