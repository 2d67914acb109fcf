package io.mosaic.encoders.keyframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.mosaic.api.component.ParameterException;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** S2LIF's keyframe-aware masking (seed appendix A.1, eq. 20–22). */
class KeyframeMaskTest {
    private static final int D = 4;
    private static final float NAN = Float.NaN;

    private final KeyframeMaskFactory factory = new KeyframeMaskFactory();
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

    private KeyframeMask build(int steps, Map<String, Object> raw) {
        return (KeyframeMask) factory.create(Parameters.of(factory.parameters(), raw),
                FeatureShape.sequence(steps, D), context);
    }

    private Features sequence(float[] values, int steps, long... lengths) {
        return Features.sequence(manager.create(values, new Shape(lengths.length, steps, D)),
                manager.create(lengths));
    }

    private Features run(Encoder mask, Features input, Taps taps, boolean training) {
        return mask.forward(new ParameterStore(manager, false), input, taps, training);
    }

    private static Parameter parameter(Encoder encoder, String suffix) {
        return encoder.getParameters().stream().filter(pair -> pair.getKey().endsWith(suffix))
                .map(pair -> pair.getValue()).findFirst().orElseThrow();
    }

    /** Sets the MLP's last layer to constant logits: weight 0, bias (drop, keep). */
    private static void constantLogits(Encoder mask, float drop, float keep) {
        parameter(mask, "logits_weight").getArray().set(new float[2 * D]);
        parameter(mask, "logits_bias").getArray().set(new float[] {drop, keep});
    }

    private float[] random(int size, long seed) {
        Random random = new Random(seed);
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    /**
     * Eq. 20 with k = 1 and k = 2 on two one-feature sequences (the other features are multiples of it), replicate
     * padding at both ends of each sample's length:
     * a = (1, 2, 4, 8), k = 1: padded 1 | 1 2 4 8 | 8; (x_{i−1} + x_i + x_{i+1})/2 − x_i = 1, 1.5, 3, 2.
     * a, k = 2: padded 1 1 | 1 2 4 8 | 8 8; (sum of 5)/4 − x_i = 9/4 − 1, 16/4 − 2, 23/4 − 4, 30/4 − 8.
     * b = (3, 5) of length 2 with 100 in its padding, k = 2: padded 3 3 | 3 5 | 5 5 (the padding is never read):
     * 19/4 − 3, 21/4 − 5.
     */
    @Test
    void localDifferenceIsEquation20WithReplicatePaddingAtBothEnds() {
        float[] a = {1, 2, 4, 8};
        float[] b = {3, 5, 100, 100};
        NDArray x = manager.create(features(a, b), new Shape(2, 4, D));
        NDArray lengths = manager.create(new long[] {4, 2});

        float[] first = LocalDifference.of(x, lengths, 1).toFloatArray();
        float[] second = LocalDifference.of(x, lengths, 2).toFloatArray();

        assertThat(feature(first, 4, 0, 0, 4)).containsExactly(1f, 1.5f, 3f, 2f);
        assertThat(feature(second, 4, 0, 0, 4)).containsExactly(1.25f, 2f, 1.75f, -0.5f);
        assertThat(feature(second, 4, 1, 0, 2)).containsExactly(1.75f, 0.25f);
        // The features are independent: −v, 10v and 0 give −M, 10M and 0.
        assertThat(feature(second, 4, 0, 1, 4)).containsExactly(-1.25f, -2f, -1.75f, 0.5f);
        assertThat(feature(second, 4, 1, 2, 2)).containsExactly(17.5f, 2.5f);
        assertThat(feature(second, 4, 0, 3, 4)).containsOnly(0f);
    }

    /** A window wider than the sequence reads its end frames repeatedly: x = (2, 6), k = 3: (4·2 + 3·6)/6 − x_i. */
    @Test
    void aWindowWiderThanTheSequenceRepeatsItsEnds() {
        NDArray x = manager.create(features(new float[] {2, 6}), new Shape(1, 2, D));

        float[] local = LocalDifference.of(x, manager.create(new long[] {2}), 3).toFloatArray();

        assertThat(feature(local, 2, 0, 0, 2)).containsExactly(new float[] {26f / 6 - 2, 30f / 6 - 6}, within(1e-6f));
    }

    /**
     * At evaluation a valid frame is kept exactly when π_1 &gt; π_0 (the MLP's last layer is drawn wide and its two
     * rows opposite, so that both decisions occur), a kept frame passes unchanged, a dropped one and every padding
     * step are 0, and the taps hold x, π, x̃ and the kept fraction under the slot's name.
     */
    @Test
    void atEvaluationTheDecisionIsTheArgmaxOfPi() {
        KeyframeMask mask = build(6, Map.of("heads", 2));
        float[] keepRow = scaled(random(D, 3), 4);
        parameter(mask, "logits_weight").getArray().set(concat(scaled(keepRow.clone(), -1), keepRow));
        Features input = sequence(random(2 * 6 * D, 5), 6, 6, 3);
        Taps taps = new Taps();

        Features out = run(mask, input, taps.scoped("vision"), false);

        float[] x = input.values().toFloatArray();
        float[] masked = out.values().toFloatArray();
        float[] pi = taps.get("vision.keyframe.probabilities").toFloatArray();
        long[] lengths = {6, 3};
        int kept = 0;
        int dropped = 0;
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 6; t++) {
                int step = b * 6 + t;
                boolean keep = t < lengths[b] && pi[2 * step + 1] > pi[2 * step];
                for (int d = 0; d < D; d++) {
                    assertThat(masked[step * D + d]).isEqualTo(keep ? x[step * D + d] : 0f);
                }
                if (t < lengths[b]) {
                    assertThat(pi[2 * step] + pi[2 * step + 1]).isCloseTo(1f, within(1e-6f));
                    kept += keep ? 1 : 0;
                    dropped += keep ? 0 : 1;
                }
            }
        }
        assertThat(kept).isPositive();
        assertThat(dropped).isPositive();
        assertThat(out.lengths().toLongArray()).containsExactly(6, 3);
        assertThat(taps.names()).containsExactlyInAnyOrder("vision.keyframe.input", "vision.keyframe.probabilities",
                "vision.keyframe.masked", "vision.keyframe.keep");
        assertThat(taps.features("vision.keyframe.masked").values().toFloatArray()).containsExactly(masked);
        assertThat(taps.features("vision.keyframe.input").lengths().toLongArray()).containsExactly(6, 3);
        NDArray keep = taps.get("vision.keyframe.keep");
        assertThat(keep.getShape()).isEqualTo(new Shape());
        assertThat(keep.getFloat()).isCloseTo(kept / 9f, within(1e-6f));
    }

    /**
     * In training the forward decision is exactly 0 or 1 (x̃ is x or 0 at every step), while the straight-through
     * gradient reaches π. The Gumbel noise is the engine's: drawn again after the same seed, it gives y =
     * softmax(log π + g) (τ = 1), and for L = Σ x̃ = Σ_t D_t s_t (s_t the sum of frame t's features) the gradient on
     * the last layer's bias is ∂L/∂b_1 = −∂L/∂b_0 = Σ_{valid t} s_t y_t1 (1 − y_t1).
     */
    @Test
    void inTrainingTheForwardIsExactlyZeroOrOneAndTheGradientReachesPi() {
        KeyframeMask mask = build(5, Map.of());
        mask.getParameters().values().forEach(p -> p.getArray().setRequiresGradient(true));
        Features input = sequence(random(3 * 5 * D, 7), 5, 5, 2, 4);
        Taps taps = new Taps();
        float[] masked;
        Engine.getInstance().setRandomSeed(21);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray out = run(mask, input, taps, true).values();
            masked = out.toFloatArray();
            collector.backward(out.sum());
        }
        Engine.getInstance().setRandomSeed(21);
        float[] uniform = manager.randomUniform(Float.MIN_NORMAL, Math.nextDown(1f), new Shape(3, 5, 2))
                .toFloatArray();

        float[] x = input.values().toFloatArray();
        float[] pi = taps.get("keyframe.probabilities").toFloatArray();
        long[] lengths = {5, 2, 4};
        double expected = 0;
        for (int b = 0; b < 3; b++) {
            for (int t = 0; t < 5; t++) {
                int step = b * 5 + t;
                double drop = Math.log(pi[2 * step]) - Math.log(-Math.log(uniform[2 * step]));
                double keep = Math.log(pi[2 * step + 1]) - Math.log(-Math.log(uniform[2 * step + 1]));
                boolean kept = t < lengths[b] && keep > drop;
                double sum = 0;
                for (int d = 0; d < D; d++) {
                    assertThat(masked[step * D + d]).isEqualTo(kept ? x[step * D + d] : 0f);
                    sum += x[step * D + d];
                }
                if (t < lengths[b]) {
                    double y = 1 / (1 + Math.exp(drop - keep));
                    expected += sum * y * (1 - y);
                }
            }
        }
        float[] bias = parameter(mask, "logits_bias").getArray().getGradient().toFloatArray();
        assertThat(bias[1]).isCloseTo((float) expected, within(1e-4f));
        assertThat(bias[0]).isCloseTo((float) -expected, within(1e-4f));
        assertThat(Math.abs(expected)).isGreaterThan(1e-2);
        for (String weight : new String[] {"hidden_weight", "logits_weight", "projection_weight", "output_weight"}) {
            assertThat(parameter(mask, weight).getArray().getGradient().abs().max().getFloat())
                    .as(weight).isGreaterThan(0f);
        }
    }

    /** π_1 ≈ 1 everywhere: every valid frame is kept, in training and at evaluation, and no padding step is. */
    @Test
    void paddingIsNeverKept() {
        KeyframeMask mask = build(4, Map.of("window", 1));
        constantLogits(mask, -20, 20);
        float[] values = random(2 * 4 * D, 9);
        for (int i = 4 * D + 2 * D; i < values.length; i++) {
            values[i] = NAN;
        }
        Features input = sequence(values, 4, 4, 2);

        for (boolean training : new boolean[] {true, false}) {
            Taps taps = new Taps();
            float[] out = run(mask, input, taps, training).values().toFloatArray();

            for (int i = 0; i < values.length; i++) {
                assertThat(out[i]).as("value %d, training %s", i, training).isEqualTo(i < 6 * D ? values[i] : 0f);
            }
            assertThat(taps.get("keyframe.keep").getFloat()).isEqualTo(1f);
        }
    }

    /**
     * Constant logits (ln 1, ln 4), π = (0.2, 0.8): the hard sample keeps a frame with probability 0.8 (the Gumbel-max
     * trick), the same seed draws the same decisions and another seed others.
     */
    @Test
    void theDecisionIsASampleOfPiAndTheSameSeedDrawsTheSame() {
        KeyframeMask mask = build(250, Map.of());
        constantLogits(mask, 0, (float) Math.log(4));
        Features input = sequence(random(8 * 250 * D, 13), 250, 250, 250, 250, 250, 250, 250, 250, 250);

        Engine.getInstance().setRandomSeed(3);
        Taps taps = new Taps();
        float[] first = run(mask, input, taps, true).values().toFloatArray();
        Engine.getInstance().setRandomSeed(3);
        float[] again = run(mask, input, new Taps(), true).values().toFloatArray();
        Engine.getInstance().setRandomSeed(4);
        float[] other = run(mask, input, new Taps(), true).values().toFloatArray();

        // 2,000 Bernoulli(0.8) draws: the kept fraction lies within 4 standard deviations (0.036) of 0.8.
        assertThat(taps.get("keyframe.keep").getFloat()).isCloseTo(0.8f, within(0.036f));
        assertThat(again).containsExactly(first);
        assertThat(other).isNotEqualTo(first);
    }

    /**
     * Multi-head attention 4D² + 4D (the packed Q, K, V map and the output map, with biases) and the MLP
     * 2D·H + H + 2H + 2.
     */
    @Test
    void hasTheParametersOfTheAttentionAndTheMlp() {
        assertThat(size(build(3, Map.of("heads", 2, "hidden", 3))))
                .isEqualTo(4 * D * D + 4 * D + 2 * D * 3 + 3 + 2 * 3 + 2);
        assertThat(size(build(3, Map.of()))).isEqualTo(4 * D * D + 4 * D + 2 * D * D + D + 2 * D + 2);
    }

    private static long size(Encoder encoder) {
        return encoder.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    @Test
    void refusesBadSettingsAndPooledInput() {
        assertThatThrownBy(() -> build(3, Map.of("heads", 3)))
                .isInstanceOf(ParameterException.class)
                .hasMessage("parameter 'heads': must divide the input width 4, found 3");
        assertThatThrownBy(() -> Parameters.of(factory.parameters(), Map.of("temperature", 0.0)))
                .isInstanceOf(ParameterException.class).hasMessageContaining("temperature");
        assertThatThrownBy(() -> Parameters.of(factory.parameters(), Map.of("window", 0)))
                .isInstanceOf(ParameterException.class).hasMessageContaining("window");
        assertThatThrownBy(() -> factory.create(Parameters.of(factory.parameters(), Map.of()), FeatureShape.vector(D),
                context)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyframe-mask");
    }

    private static float[] concat(float[] first, float[] second) {
        float[] both = new float[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static float[] scaled(float[] values, float factor) {
        for (int i = 0; i < values.length; i++) {
            values[i] *= factor;
        }
        return values;
    }

    /** Samples of one feature each, the D features of a step being (v, −v, 10v, 0). */
    private static float[] features(float[]... samples) {
        float[] values = new float[samples.length * samples[0].length * D];
        int i = 0;
        for (float[] sample : samples) {
            for (float v : sample) {
                values[i++] = v;
                values[i++] = -v;
                values[i++] = 10 * v;
                values[i++] = 0;
            }
        }
        return values;
    }

    /** Feature {@code d} of sample {@code b}'s first {@code steps} steps, from [B, T, D] row-major. */
    private static float[] feature(float[] values, int totalSteps, int b, int d, int steps) {
        float[] out = new float[steps];
        for (int t = 0; t < steps; t++) {
            out[t] = values[(b * totalSteps + t) * D + d];
        }
        return out;
    }
}
