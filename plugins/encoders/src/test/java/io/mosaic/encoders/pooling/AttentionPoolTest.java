package io.mosaic.encoders.pooling;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AttentionPoolTest {
    private final AttentionPoolFactory factory = new AttentionPoolFactory();
    private NDManager manager;
    private BuildContext context;

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(17);
        manager = NDManager.newBaseManager();
        context = () -> manager;
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Encoder build(FeatureShape input) {
        return factory.create(Parameters.defaults(factory.parameters()), input, context);
    }

    private Features pool(Encoder pool, float[] x, int steps, int dim, long[] lengths, Taps taps) {
        Features input = Features.sequence(manager.create(x, new Shape(lengths.length, steps, dim)),
                manager.create(lengths));
        return pool.forward(new ParameterStore(manager, false), input, taps, false);
    }

    private static void set(Encoder encoder, String name, float... values) {
        encoder.getParameters().get(name).getArray().set(values);
    }

    @Test
    void weighsTheValidStepsByTheSoftmaxOfTheirScores() {
        Encoder pool = build(FeatureShape.sequence(3, 2));
        // s_t = (2·ln 3, 0) · tanh(h_t) + 0.7
        set(pool, "01hidden_weight", 1, 0, 0, 1);
        set(pool, "01hidden_bias", 0, 0);
        set(pool, "02score_weight", (float) (2 * Math.log(3)), 0);
        set(pool, "02score_bias", 0.7f);
        float a = (float) (0.5 * Math.log(3));  // atanh(1/2)
        float[] x = {
            0, 4, a, 8, Float.NaN, 1e6f,  // length 2
            3, -1, 5, 5, 5, 5,            // length 1
            9, 9, 9, 9, 9, 9};            // length 0
        Taps taps = new Taps();

        Features out = pool(pool, x, 3, 2, new long[] {2, 1, 0}, taps);

        // Sample 0: tanh(h_0)₀ = 0 and tanh(h_1)₀ = 1/2, so the scores are 0.7 and 0.7 + ln 3 and the weights are
        // 1/4 and 3/4: v = (0, 4)/4 + 3(a, 8)/4 = (3a/4, 7). Sample 1 has one step (weight 1); sample 2 none.
        assertThat(taps.get("weights").getShape()).isEqualTo(new Shape(3, 3));
        assertThat(taps.get("weights").toFloatArray())
                .containsExactly(new float[] {0.25f, 0.75f, 0, 1, 0, 0, 0, 0, 0}, within(1e-6f));
        assertThat(out.isSequence()).isFalse();
        assertThat(out.values().toFloatArray())
                .containsExactly(new float[] {0.75f * a, 7, 3, -1, 0, 0}, within(1e-5f));
        assertThat(pool.output()).isEqualTo(FeatureShape.vector(2));
    }

    @Test
    void paddedStepsGetZeroWeightAndDoNotChangeThePooledVector() {
        Encoder pool = build(FeatureShape.sequence(4, 3));
        set(pool, "01hidden_bias", 0.3f, -0.2f, 0.1f);
        set(pool, "02score_bias", -0.4f);
        float[] x = manager.randomNormal(new Shape(2, 4, 3)).toFloatArray();
        float[] noisy = x.clone();
        noisy[6] = Float.NaN;
        noisy[10] = 1e6f;
        noisy[23] = -1e6f;
        long[] lengths = {2, 3};
        Taps taps = new Taps();

        float[] clean = pool(pool, x, 4, 3, lengths, taps).values().toFloatArray();
        float[] withNoise = pool(pool, noisy, 4, 3, lengths, new Taps()).values().toFloatArray();

        assertThat(withNoise).containsExactly(clean, within(0f));
        float[] weights = taps.get("weights").toFloatArray();
        assertThat(weights[2]).isEqualTo(0f);
        assertThat(weights[3]).isEqualTo(0f);
        assertThat(weights[7]).isEqualTo(0f);
        assertThat(weights[0] + weights[1]).isCloseTo(1f, within(1e-6f));
        assertThat(weights[4] + weights[5] + weights[6]).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void hasAHiddenLinearLayerAndAScoringLinearLayer() {
        Encoder pool = build(FeatureShape.sequence(50, 32));
        long size = pool.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
        // Linear(32, 32) + Linear(32, 1), with biases
        assertThat(size).isEqualTo(32L * 32 + 32 + 32 + 1).isEqualTo(1_089L);
    }

    @Test
    void rejectsPooledInputAndDeclaresItsWeightsTap() {
        assertThatThrownBy(() -> build(FeatureShape.vector(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attention-pool needs a sequence input")
                .hasMessageContaining("pooled vector [4]");
        assertThat(factory.taps()).containsExactly("weights");
    }
}
