package io.mosaic.encoders.dropout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code dropout}: torch.nn.Dropout's inverted dropout (Srivastava et al., 2014), scaled by 1/(1 − p) in training. */
class DropoutEncoderTest {
    private final DropoutFactory factory = new DropoutFactory();
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

    private Encoder build(FeatureShape input, double rate) {
        return factory.create(Parameters.of(factory.parameters(), Map.of("rate", rate)), input, context);
    }

    private Features run(Encoder dropout, Features input, boolean training) {
        return dropout.forward(new ParameterStore(manager, false), input, new Taps(), training);
    }

    /** Ones [B, T, D] with lengths: every output value is then 0 or the scale 1/(1 − p) itself. */
    private Features ones(int batch, int steps, int dim) {
        return Features.sequence(manager.ones(new Shape(batch, steps, dim)),
                manager.create(new long[batch]).add(manager.create((long) steps)));
    }

    @Test
    void isTheIdentityAtEvaluationOnSequencesAndPooledVectors() {
        Encoder dropout = build(FeatureShape.sequence(3, 4), 0.5);
        Features sequence = Features.sequence(manager.randomNormal(new Shape(2, 3, 4)),
                manager.create(new long[] {3, 1}));
        Features pooled = Features.pooled(manager.randomNormal(new Shape(2, 4)));

        Features outSequence = run(dropout, sequence, false);
        Features outPooled = run(build(FeatureShape.vector(4), 0.5), pooled, false);

        assertThat(outSequence.values().toFloatArray()).containsExactly(sequence.values().toFloatArray());
        assertThat(outSequence.lengths().toLongArray()).containsExactly(3, 1);
        assertThat(outPooled.values().toFloatArray()).containsExactly(pooled.values().toFloatArray());
        assertThat(dropout.output()).isEqualTo(FeatureShape.sequence(3, 4));
        assertThat(dropout.getParameters().isEmpty()).isTrue();
    }

    @Test
    void rateZeroIsTheIdentityInTrainingToo() {
        Features input = Features.pooled(manager.randomNormal(new Shape(5, 7)));

        Features out = run(build(FeatureShape.vector(7), 0.0), input, true);

        assertThat(out.values().toFloatArray()).containsExactly(input.values().toFloatArray());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.25, 0.5})
    void inTrainingKeepsAFractionOneMinusPScaledByOneOverOneMinusP(double rate) {
        Features input = ones(8, 50, 50);

        Features out = run(build(FeatureShape.sequence(50, 50), rate), input, true);

        float[] values = out.values().toFloatArray();
        float scale = (float) (1 / (1 - rate));
        long zeros = 0;
        for (float value : values) {
            if (value == 0) {
                zeros++;
            } else {
                assertThat(value).isCloseTo(scale, within(1e-6f));
            }
        }
        // 20,000 Bernoulli(p) draws: the zeroed fraction lies within 5 standard deviations (≤ 0.018) of p.
        assertThat((double) zeros / values.length).isCloseTo(rate, within(0.02));
        assertThat(out.values().getShape()).isEqualTo(new Shape(8, 50, 50));
        assertThat(out.lengths().toLongArray()).containsOnly(50);
    }

    @Test
    void theGradientIsTheSameMaskAndScale() {
        NDArray x = manager.ones(new Shape(4, 16));
        x.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = run(build(FeatureShape.vector(16), 0.25), Features.pooled(x), true).values();
            collector.backward(y.sum());
            // ∂Σy/∂x_i = m_i / (1 − p) = y_i when x = 1
            assertThat(x.getGradient().toFloatArray()).containsExactly(y.toFloatArray());
        }
    }

    @Test
    void theSameSeedDrawsTheSameMasksAndAnotherSeedOthers() {
        Encoder dropout = build(FeatureShape.vector(64), 0.5);
        Features input = Features.pooled(manager.ones(new Shape(4, 64)));

        Engine.getInstance().setRandomSeed(3);
        float[] first = run(dropout, input, true).values().toFloatArray();
        float[] second = run(dropout, input, true).values().toFloatArray();
        Engine.getInstance().setRandomSeed(3);
        float[] again = run(dropout, input, true).values().toFloatArray();
        Engine.getInstance().setRandomSeed(4);
        float[] other = run(dropout, input, true).values().toFloatArray();

        assertThat(again).containsExactly(first);
        assertThat(second).isNotEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void theRateIsRequiredAndBelowOne() {
        assertThatThrownBy(() -> Parameters.of(factory.parameters(), Map.of()))
                .isInstanceOf(ParameterException.class).hasMessageContaining("rate");
        assertThatThrownBy(() -> Parameters.of(factory.parameters(), Map.of("rate", 1.0)))
                .isInstanceOf(ParameterException.class).hasMessageContaining("rate");
        assertThatThrownBy(() -> Parameters.of(factory.parameters(), Map.of("rate", -0.1)))
                .isInstanceOf(ParameterException.class).hasMessageContaining("rate");
    }
}
