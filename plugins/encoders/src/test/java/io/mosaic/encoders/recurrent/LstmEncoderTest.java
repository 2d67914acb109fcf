package io.mosaic.encoders.recurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;
import io.mosaic.encoders.testing.TorchFixture;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LstmEncoderTest {
    private final LstmFactory factory = new LstmFactory();
    private NDManager manager;
    private BuildContext context;

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(7);
        manager = NDManager.newBaseManager();
        context = () -> manager;
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Encoder build(FeatureShape input, Map<String, Object> raw) {
        return factory.create(Parameters.of(factory.parameters(), raw), input, context);
    }

    /** The encoder of a fixture written by make-fixtures.py, with torch's weights loaded. */
    private Encoder load(TorchFixture fixture, int layers, double dropout) {
        long[] x = fixture.shape("x");
        long[] linear = fixture.shape("linear.weight");
        Encoder lstm = build(FeatureShape.sequence((int) x[1], (int) x[2]), Map.of("hidden", (int) linear[1],
                "out", (int) linear[0], "layers", layers, "dropout", dropout));
        for (int layer = 0; layer < layers; layer++) {
            for (String name : new String[] {"weight_ih_l", "weight_hh_l", "bias_ih_l", "bias_hh_l"}) {
                fixture.load(lstm, name + layer, name + layer);
            }
        }
        fixture.load(lstm, "01linear_weight", "linear.weight");
        fixture.load(lstm, "01linear_bias", "linear.bias");
        return lstm;
    }

    private Features run(Encoder lstm, NDArray x, long[] lengths, boolean training) {
        return lstm.forward(new ParameterStore(manager, false), Features.sequence(x, manager.create(lengths)),
                new Taps(), training);
    }

    @ParameterizedTest
    @CsvSource({"one-layer.tsv, 1", "two-layers.tsv, 2"})
    void equalsTorchsLstmOverAPackedSequenceThenTheLinearMap(String resource, int layers) throws IOException {
        TorchFixture fixture = new TorchFixture(getClass(), resource);
        Encoder lstm = load(fixture, layers, 0.3);

        Features out = run(lstm, fixture.array(manager, "x"), fixture.longs("lengths"), false);

        assertThat(out.isSequence()).isFalse();
        assertThat(out.values().getShape()).isEqualTo(new Shape(fixture.shape("y")));
        assertThat(out.values().toFloatArray()).containsExactly(fixture.floats("y"), within(1e-5f));
    }

    @Test
    void theFinalStateIsTakenAtTheTrueLengthSoPaddingChangesNothing() throws IOException {
        TorchFixture fixture = new TorchFixture(getClass(), "two-layers.tsv");
        Encoder lstm = load(fixture, 2, 0.0);
        long[] lengths = fixture.longs("lengths");
        NDArray x = fixture.array(manager, "x");
        float[] padded = run(lstm, x, lengths, false).values().toFloatArray();

        // Other padding values, and three more padded steps: the same outputs.
        NDArray steps = manager.arange(8).expandDims(0);
        NDArray isPadding = steps.gte(manager.create(lengths).expandDims(1)).expandDims(2).broadcast(3, 8, 3);
        NDArray longer = x.concat(manager.zeros(new Shape(3, 3, 3)), 1);
        NDArray noise = manager.randomUniform(-1e3f, 1e3f, new Shape(3, 8, 3));
        float[] repadded = run(lstm, longer.add(noise.mul(isPadding.toType(x.getDataType(), false))), lengths, false)
                .values().toFloatArray();
        assertThat(repadded).containsExactly(padded, within(1e-6f));

        // Each sample alone, cut at its length (no padding at all): the same output as in the padded batch.
        int width = padded.length / lengths.length;
        for (int b = 0; b < lengths.length; b++) {
            NDArray alone = x.get(new NDIndex("{}:{}, 0:{}, :", b, b + 1, lengths[b]));
            float[] expected = run(lstm, alone, new long[] {lengths[b]}, false).values().toFloatArray();
            for (int j = 0; j < width; j++) {
                assertThat(padded[b * width + j]).as("sample %d, output %d", b, j)
                        .isCloseTo(expected[j], within(1e-6f));
            }
        }
    }

    @Test
    void aSampleOfLengthZeroKeepsTheZeroStateSoItsOutputIsTheLinearBias() throws IOException {
        TorchFixture fixture = new TorchFixture(getClass(), "one-layer.tsv");
        Encoder lstm = load(fixture, 1, 0.0);
        NDArray x = manager.randomUniform(-5f, 5f, new Shape(1, 5, 3));

        float[] out = run(lstm, x, new long[] {0}, false).values().toFloatArray();

        assertThat(out).containsExactly(fixture.floats("linear.bias"), within(1e-7f));
    }

    @Test
    void dropoutActsOnlyInTrainingAndRepeatsUnderTheSameSeed() throws IOException {
        TorchFixture fixture = new TorchFixture(getClass(), "one-layer.tsv");
        Encoder lstm = load(fixture, 1, 0.5);
        NDArray x = fixture.array(manager, "x");
        long[] lengths = fixture.longs("lengths");

        Engine.getInstance().setRandomSeed(3);
        float[] first = run(lstm, x, lengths, true).values().toFloatArray();
        Engine.getInstance().setRandomSeed(3);
        float[] second = run(lstm, x, lengths, true).values().toFloatArray();

        assertThat(second).containsExactly(first);
        assertThat(first).isNotEqualTo(fixture.floats("y"));
        assertThat(run(lstm, x, lengths, false).values().toFloatArray())
                .containsExactly(fixture.floats("y"), within(1e-5f));
    }

    @Test
    void everyParameterReceivesAFiniteGradientThroughTheMaskedRecurrence() throws IOException {
        TorchFixture fixture = new TorchFixture(getClass(), "two-layers.tsv");
        Encoder lstm = load(fixture, 2, 0.0);
        lstm.getParameters().values().forEach(p -> p.getArray().setRequiresGradient(true));

        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = run(lstm, fixture.array(manager, "x"), fixture.longs("lengths"), true).values();
            collector.backward(y.square().sum());
        }

        for (Parameter parameter : lstm.getParameters().values()) {
            float[] gradient = parameter.getArray().getGradient().toFloatArray();
            assertThat(gradient).as(parameter.getName()).doesNotContain(Float.NaN);
            assertThat(gradient).as(parameter.getName()).isNotEqualTo(new float[gradient.length]);
        }
    }

    @Test
    void hasAsManyParametersAsTorchsLstmAndLinearOfTheSameSize() {
        // Self-MM's vision subnet on MOSI: LSTM(20, 32) and Linear(32, 32)
        Encoder one = build(FeatureShape.sequence(50, 20), Map.of("hidden", 32, "out", 32));
        // four gates: 4H(D + H) + 8H (two bias vectors), then H·out + out
        assertThat(count(one)).isEqualTo(4L * 32 * (20 + 32) + 8 * 32 + 32 * 32 + 32).isEqualTo(7_968L);

        Encoder two = build(FeatureShape.sequence(50, 5), Map.of("hidden", 16, "out", 8, "layers", 2));
        // layer 1 reads layer 0's H states
        assertThat(count(two)).isEqualTo(4L * 16 * (5 + 16) + 8 * 16 + 4L * 16 * (16 + 16) + 8 * 16 + 16 * 8 + 8);
    }

    private static long count(Encoder encoder) {
        return encoder.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    @Test
    void outputsAPooledVectorOfTheLinearWidth() {
        Encoder lstm = build(FeatureShape.sequence(4, 3), Map.of("hidden", 5, "out", 2));

        assertThat(lstm.output()).isEqualTo(FeatureShape.vector(2));
    }

    @Test
    void rejectsPooledInput() {
        assertThatThrownBy(() -> build(FeatureShape.vector(8), Map.of("hidden", 4, "out", 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lstm needs a sequence input")
                .hasMessageContaining("[8]");
    }
}
