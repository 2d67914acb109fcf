package io.mosaic.losses.keyframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.mosaic.api.component.ParameterException;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.Task;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.losses.testing.CodeTapsFixture;
import io.mosaic.losses.testing.DataContext;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** S2LIF's keyframe reconstruction loss (seed appendix A.1, eq. 23). */
class KeyframeReconstructionTest {
    private static final DataSpec DATA = new DataSpec(Map.of(Modality.TEXT, FeatureShape.sequence(3, 2),
            Modality.VISION, FeatureShape.sequence(3, 2)), 0, Task.REGRESSION);
    private static final float NAN = Float.NaN;

    private final KeyframeReconstructionFactory factory = new KeyframeReconstructionFactory();
    private NDManager manager;

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(17);
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private KeyframeReconstruction build(Map<String, Object> raw) {
        return (KeyframeReconstruction) factory.create(Parameters.of(factory.parameters(), raw), DATA,
                new DataContext(manager, DATA));
    }

    private static Parameter parameter(KeyframeReconstruction objective, String suffix) {
        return objective.getParameters().stream().filter(pair -> pair.getKey().endsWith(suffix))
                .map(pair -> pair.getValue()).findFirst().orElseThrow();
    }

    /**
     * D = H = 1 with every weight and bias 0 except W_in = 1 (rows r, z, n): r = z = σ(0) = ½ and n = tanh(x_t), so
     * h_t = ½·tanh(x_t) + ½·h_{t−1} from h_0 = 0.
     */
    private KeyframeReconstruction halvingGru() {
        KeyframeReconstruction objective = build(Map.of("width", 1));
        parameter(objective, "i2h_WEIGHT").getArray().set(new float[] {0, 0, 1});
        parameter(objective, "h2h_WEIGHT").getArray().set(new float[] {0, 0, 0});
        parameter(objective, "i2h_BIAS").getArray().set(new float[] {0, 0, 0});
        parameter(objective, "h2h_BIAS").getArray().set(new float[] {0, 0, 0});
        return objective;
    }

    /**
     * Sample 1: x = (1, 2, 3), x̃ = (1, 0, 3): the states differ by 0, ½·tanh 2, ¼·tanh 2.
     * Sample 2 (length 2 of 3): x = (−1, ½), x̃ = (0, ½): they differ by ½·tanh(−1), ¼·tanh(−1).
     * L = (5/16)(tanh² 2 + tanh² 1) over the 5 valid steps.
     */
    private float handCase(float padding) {
        CodeTapsFixture taps = new CodeTapsFixture(manager)
                .sequence("vision.keyframe.input", 3, 1, new float[] {1, 2, 3, -1, 0.5f, padding}, 3, 2)
                .sequence("vision.keyframe.masked", 3, 1, new float[] {1, 0, 3, 0, 0.5f, -padding}, 3, 2);
        return halvingGru().loss(taps.views()).getFloat();
    }

    @Test
    void isTheSquaredDistanceOfTheGruStatesAveragedOverTheValidSteps() {
        double tanh1 = Math.tanh(1);
        double tanh2 = Math.tanh(2);
        assertThat(handCase(0)).isCloseTo((float) (5.0 / 16 * (tanh2 * tanh2 + tanh1 * tanh1) / 5), within(1e-6f));
    }

    @Test
    void paddingChangesNothing() {
        assertThat(handCase(NAN)).isEqualTo(handCase(0));
        assertThat(handCase(1e6f)).isEqualTo(handCase(0));
    }

    @Test
    void isZeroWhenNothingIsDropped() {
        float[] frames = random(2 * 4 * 3, 5);
        CodeTapsFixture taps = new CodeTapsFixture(manager)
                .sequence("video.keyframe.input", 4, 3, frames, 4, 2)
                .sequence("video.keyframe.masked", 4, 3, frames.clone(), 4, 2);

        assertThat(build(Map.of("width", 3, "hidden", 5, "on", "video.keyframe")).loss(taps.views()).getFloat())
                .isZero();
    }

    /**
     * Both terms carry gradients by default (into the GRU's weights and into x); with {@code detach-original}, x gets
     * none while x̃ and the GRU still do.
     */
    @Test
    void gradientsReachTheOriginalFramesUnlessDetached() {
        for (boolean detached : new boolean[] {false, true}) {
            KeyframeReconstruction objective = build(Map.of("width", 3, "detach-original", detached));
            objective.getParameters().values().forEach(p -> p.getArray().setRequiresGradient(true));
            NDArray original = manager.create(random(2 * 4 * 3, 7), new Shape(2, 4, 3));
            NDArray masked = original.mul(manager.create(new float[] {1, 0, 1, 0, 0, 1, 1, 1}, new Shape(2, 4, 1)));
            original.setRequiresGradient(true);
            masked.setRequiresGradient(true);
            CodeTapsFixture taps = new CodeTapsFixture(manager)
                    .sequence("vision.keyframe.input", original, 4, 3)
                    .sequence("vision.keyframe.masked", masked, 4, 3);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(objective.loss(taps.views()));
            }

            float originalGradient = original.getGradient().abs().max().getFloat();
            if (detached) {
                assertThat(originalGradient).isZero();
            } else {
                assertThat(originalGradient).isGreaterThan(0f);
            }
            assertThat(masked.getGradient().abs().max().getFloat()).isGreaterThan(0f);
            // The padding of sample 2 (step 3) gets no gradient.
            assertThat(masked.getGradient().get("1, 3, :").abs().max().getFloat()).isZero();
            assertThat(parameter(objective, "i2h_WEIGHT").getArray().getGradient().abs().max().getFloat())
                    .isGreaterThan(0f);
        }
    }

    /** One GRU layer: 3H(D + H) + 6H (PyTorch's two bias vectors). */
    @Test
    void hasTheParametersOfOneGru() {
        assertThat(size(build(Map.of("width", 4, "hidden", 3)))).isEqualTo(3 * 3 * (4 + 3) + 6 * 3);
        assertThat(size(build(Map.of("width", 4)))).isEqualTo(3 * 4 * (4 + 4) + 6 * 4);
    }

    private static long size(KeyframeReconstruction objective) {
        return objective.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    @Test
    void readsTheInputAndMaskedTapsUnderItsPrefix() {
        assertThat(build(Map.of("width", 2)).taps()).containsExactly("vision.keyframe.input",
                "vision.keyframe.masked");
        assertThat(build(Map.of("width", 2, "on", "frames.mask")).taps()).containsExactly("frames.mask.input",
                "frames.mask.masked");
    }

    @Test
    void refusesBadSettingsAndNamesWrongTaps() {
        assertThatThrownBy(() -> Parameters.of(factory.parameters(), Map.of()))
                .isInstanceOf(ParameterException.class).hasMessageContaining("width");
        assertThatThrownBy(() -> build(Map.of("width", 2, "on", " ")))
                .isInstanceOf(ParameterException.class).hasMessageContaining("'on'");
        CodeTapsFixture wide = new CodeTapsFixture(manager)
                .sequence("vision.keyframe.input", 1, 2, new float[] {1, 2}, 1)
                .sequence("vision.keyframe.masked", 1, 2, new float[] {1, 2}, 1);
        assertThatThrownBy(() -> build(Map.of("width", 3)).loss(wide.views()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keyframe-reconstruction reads tap 'vision.keyframe.input' as codes of width 3");
        CodeTapsFixture uneven = new CodeTapsFixture(manager)
                .sequence("vision.keyframe.input", 2, 2, new float[] {1, 2, 3, 4}, 2)
                .sequence("vision.keyframe.masked", 1, 2, new float[] {1, 2}, 1);
        assertThatThrownBy(() -> build(Map.of("width", 2)).loss(uneven.views()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keyframe-reconstruction reads taps 'vision.keyframe.input' and 'vision.keyframe.masked' "
                        + "as sequences of one shape, found (1, 2, 2) and (1, 1, 2)");
        CodeTapsFixture missing = new CodeTapsFixture(manager)
                .sequence("vision.keyframe.input", 1, 2, new float[] {1, 2}, 1);
        assertThatThrownBy(() -> build(Map.of("width", 2)).loss(missing.views()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keyframe-reconstruction reads tap 'vision.keyframe.masked'");
    }

    private static float[] random(int size, long seed) {
        Random random = new Random(seed);
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}
