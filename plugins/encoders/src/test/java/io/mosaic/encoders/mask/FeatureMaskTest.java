package io.mosaic.encoders.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
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

/** S2LIF's learnable feature mask (seed eq. 6–11; {@code reference/s2lif.md} §2). */
class FeatureMaskTest {
    private final FeatureMaskFactory factory = new FeatureMaskFactory();
    private NDManager manager;
    private BuildContext context;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
        context = () -> manager;
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Encoder build(int dim, Map<String, Object> raw) {
        return factory.create(Parameters.of(factory.parameters(), raw), FeatureShape.vector(dim), context);
    }

    /** A mask of width 4 with r = (1, −0.5, 0.3, 2) and s = (0, 0.2, 0.5, 0.1): t = |r| − s = (1, 0.3, −0.2, 1.9). */
    private Encoder handMade() {
        Encoder mask = build(4, Map.of());
        mask.getParameters().get("r").getArray().set(new float[] {1, -0.5f, 0.3f, 2});
        mask.getParameters().get("s").getArray().set(new float[] {0, 0.2f, 0.5f, 0.1f});
        return mask;
    }

    private static Features run(Encoder mask, NDManager manager, Features input, Taps taps) {
        return mask.forward(new ParameterStore(manager, false), input, taps, true);
    }

    @Test
    void theForwardIsTheExactUnitStepAndKeepsTiesAtZero() {
        // Values at the surrogate's break points and inside each piece; t = 0 and t = −0 keep (F(0) = 1).
        float[] t = {-0.3f, 0.2f, 0.4f, -0.7f, 0.9f, 1.0f, -1.5f, 2.0f, 0.0f, -0.0f, -1e-7f};
        NDArray q = SurrogateStep.apply(manager.create(t));
        assertThat(q.toFloatArray()).containsExactly(0, 1, 1, 0, 1, 1, 0, 1, 1, 1, 0);
    }

    @Test
    void theBackwardIsEquationElevenInEachOfItsThreePieces() {
        float[] t = {-0.3f, 0.2f, 0.0f, 0.4f, -0.4f, -0.7f, 0.9f, 1.0f, -1.5f, 2.0f};
        NDArray input = manager.create(t);
        input.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(SurrogateStep.apply(input).sum());
        }
        // |t| ≤ 0.4: 2 − 4|t| (1.2 at 0.3, 1.2 at 0.2, 2 at 0, 0.4 at ±0.4); 0.4 < |t| ≤ 1: 0.4; beyond: 0.
        assertThat(input.getGradient().toFloatArray())
                .containsExactly(new float[] {0.8f, 1.2f, 2, 0.4f, 0.4f, 0.4f, 0.4f, 0.4f, 0, 0}, within(1e-6f));
    }

    @Test
    void theAntiderivativeIsContinuousAtTheBreakPoints() {
        // g(±0.4) = ±0.48 from both sides, g(±1) = ±0.72 from both sides.
        float below = 0.4f - 1e-6f;
        float above = 0.4f + 1e-6f;
        float[] g = SurrogateStep.antiderivative(manager.create(new float[] {below, above, -below, -above,
                1 - 1e-6f, 1 + 1e-6f})).toFloatArray();
        assertThat(g).containsExactly(new float[] {0.48f, 0.48f, -0.48f, -0.48f, 0.72f, 0.72f}, within(1e-5f));
    }

    @Test
    void theMaskIsRTimesTheStepAndTheGradientsAreThoseOfBriefSectionTwo() {
        Encoder mask = handMade();
        NDArray x = manager.ones(new Shape(1, 4));
        x.setRequiresGradient(true);
        Taps taps = new Taps();
        NDArray weighted = manager.create(new float[] {1, 2, 3, 4});
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            Features out = run(mask, manager, Features.pooled(x), taps);
            // q = (1, 1, 0, 1), m = r ⊙ q; with x = 1 the output is m itself.
            assertThat(out.values().toFloatArray()).containsExactly(new float[] {1, -0.5f, 0, 2}, within(0f));
            assertThat(taps.get("mask").toFloatArray()).containsExactly(new float[] {1, -0.5f, 0, 2}, within(0f));
            collector.backward(out.values().mul(weighted).sum());
        }
        // L = Σ c_i m_i with c = (1, 2, 3, 4) and F'(t) = (0.4, 0.8, 1.2, 0):
        // ∂L/∂r_i = c_i (q_i + r_i F'(t_i) sign(r_i)) = (1.4, 2·1.4, 3·0.36, 4)
        // ∂L/∂s_i = −c_i r_i F'(t_i)                  = (−0.4, 0.8, −1.08, 0)
        assertThat(mask.getParameters().get("r").getArray().getGradient().toFloatArray())
                .containsExactly(new float[] {1.4f, 2.8f, 1.08f, 4}, within(1e-6f));
        assertThat(mask.getParameters().get("s").getArray().getGradient().toFloatArray())
                .containsExactly(new float[] {-0.4f, 0.8f, -1.08f, 0}, within(1e-6f));
        // ∂L/∂x = c ⊙ m
        assertThat(x.getGradient().toFloatArray()).containsExactly(new float[] {1, -1, 0, 8}, within(0f));
    }

    @Test
    void masksEveryTokenOfASequenceAndKeepsZeroPaddingZero() {
        Encoder mask = factory.create(Parameters.defaults(factory.parameters()), FeatureShape.sequence(3, 4),
                context);
        mask.getParameters().get("r").getArray().set(new float[] {1, -0.5f, 0.3f, 2});
        mask.getParameters().get("s").getArray().set(new float[] {0, 0.2f, 0.5f, 0.1f});
        float[] x = {
            1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0,    // length 2
            -1, 1, -1, 1, 0, 0, 0, 0, 0, 0, 0, 0}; // length 1
        Features input = Features.sequence(manager.create(x, new Shape(2, 3, 4)), manager.create(new long[] {2, 1}));
        Taps taps = new Taps().scoped("text");

        Features out = run(mask, manager, input, taps);

        // 0 · r_i is 0 or −0: equal as numbers.
        assertThat(out.values().toFloatArray()).containsExactly(new float[] {
            1, -1, 0, 8, 5, -3, 0, 16, 0, 0, 0, 0,
            -1, -0.5f, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0}, within(0f));
        assertThat(out.lengths().toLongArray()).containsExactly(2, 1);
        assertThat(mask.output()).isEqualTo(FeatureShape.sequence(3, 4));
        // Taps under the slot's scope: m, s and the fraction of q that is 1 (3 of 4) as a 0-dim scalar.
        assertThat(taps.names()).containsExactly("text.mask", "text.mask.threshold", "text.mask.keep");
        assertThat(taps.get("text.mask.threshold").toFloatArray()).containsExactly(0, 0.2f, 0.5f, 0.1f);
        assertThat(taps.get("text.mask.keep").getShape()).isEqualTo(new Shape());
        assertThat(taps.get("text.mask.keep").getFloat()).isEqualTo(0.75f);
        assertThat(factory.taps()).containsExactlyInAnyOrder("mask", "mask.threshold", "mask.keep");
    }

    @Test
    void startsAsTheIdentityWithROneAndSZeroAndHasTwoDParameters() {
        Encoder mask = build(5, Map.of());
        NDArray x = manager.randomNormal(new Shape(3, 5));
        Taps taps = new Taps();

        Features out = run(mask, manager, Features.pooled(x), taps);

        assertThat(out.values().toFloatArray()).containsExactly(x.toFloatArray());
        assertThat(taps.get("mask.keep").getFloat()).isEqualTo(1f);
        assertThat(mask.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum()).isEqualTo(10);
    }

    @Test
    void theInitialValuesAreParameters() {
        Encoder mask = build(3, Map.of("init-r", 0.5, "init-s", 0.7));
        Taps taps = new Taps();

        run(mask, manager, Features.pooled(manager.ones(new Shape(1, 3))), taps);

        // |0.5| − 0.7 < 0: every feature is dropped.
        assertThat(mask.getParameters().get("r").getArray().toFloatArray()).containsOnly(0.5f);
        assertThat(mask.getParameters().get("s").getArray().toFloatArray()).containsOnly(0.7f);
        assertThat(taps.get("mask.keep").getFloat()).isEqualTo(0f);
        assertThat(taps.get("mask").toFloatArray()).containsOnly(0f);
        assertThatThrownBy(() -> Parameters.of(factory.parameters(), Map.of("init-s", 1e6)))
                .isInstanceOf(ParameterException.class).hasMessageContaining("init-s");
    }

    @Test
    void aPassLeavesNoArrayInTheModelsManager() {
        Encoder mask = handMade();
        long before = ((BaseNDManager) manager).getManagedArrays().size();
        try (NDManager pass = manager.newSubManager()) {
            run(mask, pass, Features.pooled(pass.ones(new Shape(2, 4))), new Taps());
        }
        assertThat(((BaseNDManager) manager).getManagedArrays().size()).isEqualTo(before);
    }
}
