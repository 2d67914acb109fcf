package io.mosaic.encoders.recurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;
import io.mosaic.encoders.testing.RandomParameters;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GruEncoderTest {
    private static final int D = 2;
    private static final int H = 3;

    private final GruFactory factory = new GruFactory();
    private NDManager manager;
    private BuildContext context;

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(11);
        manager = NDManager.newBaseManager();
        context = () -> manager;
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** A GRU whose every parameter (biases included, which start at 0) is drawn from U(-1, 1). */
    private Encoder build(int steps, Map<String, Object> raw) {
        Encoder gru = factory.create(Parameters.of(factory.parameters(), raw), FeatureShape.sequence(steps, D),
                context);
        RandomParameters.uniform(gru, new Random(5));
        return gru;
    }

    private ReferenceGru reference(Encoder gru, int layer, int inputs) {
        String prefix = "01gru_l_" + layer + "_";
        return new ReferenceGru(array(gru, prefix + "i2h_WEIGHT"), array(gru, prefix + "h2h_WEIGHT"),
                array(gru, prefix + "i2h_BIAS"), array(gru, prefix + "h2h_BIAS"), inputs, H);
    }

    private static float[] array(Encoder encoder, String name) {
        return encoder.getParameters().get(name).getArray().toFloatArray();
    }

    private Features run(Encoder gru, float[] x, int steps, long... lengths) {
        Features input = Features.sequence(manager.create(x, new Shape(lengths.length, steps, D)),
                manager.create(lengths));
        return gru.forward(new ParameterStore(manager, false), input, new Taps(), false);
    }

    private static double[][] sample(float[] x, int b, int steps, int length) {
        double[][] out = new double[length][D];
        for (int t = 0; t < length; t++) {
            for (int d = 0; d < D; d++) {
                out[t][d] = x[(b * steps + t) * D + d];
            }
        }
        return out;
    }

    private static float[] flatten(double[][] states) {
        float[] out = new float[states.length * H];
        for (int t = 0; t < states.length; t++) {
            for (int j = 0; j < H; j++) {
                out[t * H + j] = (float) states[t][j];
            }
        }
        return out;
    }

    @Test
    void oneStepEqualsTheGruEquations() {
        Encoder gru = build(1, Map.of("hidden", H));
        float[] x = {0.5f, -1.5f};

        Features out = run(gru, x, 1, 1);

        float[] expected = flatten(reference(gru, 0, D).run(sample(x, 0, 1, 1)));
        assertThat(out.values().getShape()).isEqualTo(new Shape(1, 1, H));
        assertThat(out.values().toFloatArray()).containsExactly(expected, within(1e-5f));
    }

    @Test
    void twoStepsCarryTheHiddenStateAsTheGruEquationsDo() {
        Encoder gru = build(2, Map.of("hidden", H));
        float[] x = {0.5f, -1.5f, 2f, 0.25f};

        Features out = run(gru, x, 2, 2);

        float[] expected = flatten(reference(gru, 0, D).run(sample(x, 0, 2, 2)));
        assertThat(out.values().toFloatArray()).containsExactly(expected, within(1e-5f));
    }

    @Test
    void stackedLayersFeedEachLayerTheStatesOfTheOneBelowAndSkipDropoutInEvaluation() {
        Encoder gru = build(3, Map.of("hidden", H, "layers", 2, "dropout", 0.5));
        float[] x = {0.5f, -1.5f, 2f, 0.25f, -1f, 1f};

        Features out = run(gru, x, 3, 3);

        double[][] first = reference(gru, 0, D).run(sample(x, 0, 3, 3));
        float[] expected = flatten(reference(gru, 1, H).run(first));
        assertThat(out.values().toFloatArray()).containsExactly(expected, within(1e-5f));
    }

    @Test
    void validStepsIgnoreThePaddingAndPaddedStepsAreExactlyZero() {
        Encoder gru = build(4, Map.of("hidden", H));
        float[] zeroPadded = {1, 2, -1, 0.5f, 0, 0, 0, 0, /* sample 1 */ 0.3f, 0.1f, 2, 2, -2, 1, 0.7f, -0.7f,
            /* sample 2 */ 0, 0, 0, 0, 0, 0, 0, 0};
        float[] noisyPadded = zeroPadded.clone();
        float[] noise = {9, -9, 100, 3};
        System.arraycopy(noise, 0, noisyPadded, 4, 4);
        System.arraycopy(noise, 0, noisyPadded, 16, 4);
        System.arraycopy(noise, 0, noisyPadded, 20, 4);

        float[] clean = run(gru, zeroPadded, 4, 2, 4, 0).values().toFloatArray();
        Features noisyStates = run(gru, noisyPadded, 4, 2, 4, 0);
        float[] noisy = noisyStates.values().toFloatArray();
        assertThat(noisyStates.paddingZero()).as("marked zero in padding, for a pool not to select again").isTrue();

        assertThat(noisy).containsExactly(clean, within(1e-6f));
        float[] expectedFirst = flatten(reference(gru, 0, D).run(sample(zeroPadded, 0, 4, 2)));
        for (int j = 0; j < 2 * H; j++) {
            assertThat(noisy[j]).isCloseTo(expectedFirst[j], within(1e-5f));
        }
        for (int j = 2 * H; j < 4 * H; j++) {
            assertThat(noisy[j]).as("sample 0, padded step %d", j / H).isEqualTo(0f);
        }
        for (int j = 8 * H; j < 12 * H; j++) {
            assertThat(noisy[j]).as("sample 2 has length 0").isEqualTo(0f);
        }
    }

    @Test
    void outputsTheHiddenSizeWithTheSameLengths() {
        Encoder gru = build(4, Map.of("hidden", H));
        Features out = run(gru, new float[2 * 4 * D], 4, 3, 1);

        assertThat(gru.output()).isEqualTo(FeatureShape.sequence(4, H));
        assertThat(out.values().getShape()).isEqualTo(new Shape(2, 4, H));
        assertThat(out.lengths().toLongArray()).containsExactly(3, 1);
    }

    @Test
    void hasThreeGatesOfInputAndRecurrentWeightsWithTwoBiasesPerLayer() {
        Encoder gru = factory.create(Parameters.of(factory.parameters(), Map.of("hidden", 32, "layers", 2)),
                FeatureShape.sequence(50, 16), context);
        long size = gru.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
        // layer 0: 3H(D + H) + 2·3H; layer 1 reads the H states of layer 0: 3H(H + H) + 2·3H
        long expected = 3L * 32 * (16 + 32) + 6 * 32 + 3L * 32 * (32 + 32) + 6 * 32;
        assertThat(size).isEqualTo(expected);
    }

    @Test
    void hasAsManyParametersAsTorchsGruOfTheSameSize() {
        Encoder gru = factory.create(Parameters.of(factory.parameters(), Map.of("hidden", 32)),
                FeatureShape.sequence(50, 32), context);
        long size = gru.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
        // torch.nn.GRU(32, 32), as in CIDer: 3·(32·32 + 32·32 + 32 + 32)
        assertThat(size).isEqualTo(6_336L);
    }

    @Test
    void rejectsPooledInput() {
        Parameters parameters = Parameters.of(factory.parameters(), Map.of("hidden", H));
        assertThatThrownBy(() -> factory.create(parameters, FeatureShape.vector(8), context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gru needs a sequence input")
                .hasMessageContaining("[8]");
    }
}
