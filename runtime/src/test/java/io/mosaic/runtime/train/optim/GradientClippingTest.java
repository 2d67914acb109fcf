package io.mosaic.runtime.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gradient clipping as PyTorch's clip_grad_value_ and clip_grad_norm_ (max_norm / (total_norm + 1e-6), capped at 1),
 * value first, then norm, on hand-made gradients.
 */
class GradientClippingTest {
    private static final double TOLERANCE = 1e-6;

    @Test
    void clippingByValueClampsEveryElement() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter a = parameter(manager, 0.5, -3.0, 10.0);
            Parameter b = parameter(manager, -1.5, 0.25);

            new GradientClipping(1.0, 0).apply(List.of(a, b), manager);

            assertThat(gradient(a)).containsExactly(0.5, -1.0, 1.0);
            assertThat(gradient(b)).containsExactly(-1.0, 0.25);
        }
    }

    @Test
    void clippingByNormScalesAllGradientsByTheirGlobalNorm() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // ‖(3, 4, 12)‖ = 13; max 6.5 -> factor 6.5 / (13 + 1e-6) ≈ 0.5 for every gradient.
            Parameter a = parameter(manager, 3.0, 4.0);
            Parameter b = parameter(manager, 12.0);

            new GradientClipping(0, 6.5).apply(List.of(a, b), manager);

            double factor = 6.5 / (13 + 1e-6);
            assertThat(gradient(a)).containsExactly(new double[] {3 * factor, 4 * factor}, within(TOLERANCE));
            assertThat(gradient(b)).containsExactly(new double[] {12 * factor}, within(TOLERANCE));
        }
    }

    @Test
    void valueClippingComesBeforeNormClipping() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // (0.5, -3, 10) clamped to (0.5, -1, 1), whose norm is 1.5; max 0.75 halves it.
            Parameter a = parameter(manager, 0.5, -3.0, 10.0);

            new GradientClipping(1.0, 0.75).apply(List.of(a), manager);

            double factor = 0.75 / (1.5 + 1e-6);
            assertThat(gradient(a)).containsExactly(new double[] {0.5 * factor, -factor, factor}, within(TOLERANCE));
        }
    }

    @Test
    void gradientsBelowTheThresholdsAreLeftExactlyAsTheyWere() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter a = parameter(manager, 0.1, -0.7, 3.0);
            Parameter b = parameter(manager, 1e-3);
            double[] before = gradient(a);

            // Largest element 3 < 4; norm ≈ 3.08 < 5.
            new GradientClipping(4.0, 5.0).apply(List.of(a, b), manager);

            assertThat(gradient(a)).containsExactly(before);
            assertThat(gradient(b)).containsExactly(1e-3);
        }
    }

    @Test
    void frozenParametersAreNeitherClippedNorCounted() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter trained = parameter(manager, 3.0, 4.0);
            Parameter frozen = parameter(manager, 100.0);
            frozen.freeze(true);

            new GradientClipping(0, 2.5).apply(List.of(trained, frozen), manager);

            // The norm is that of (3, 4) alone: 5.
            double factor = 2.5 / (5 + 1e-6);
            assertThat(gradient(trained)).containsExactly(new double[] {3 * factor, 4 * factor}, within(TOLERANCE));
        }
    }

    @Test
    void clippingLeavesNoArrayBehind() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter a = parameter(manager, 0.5, -3.0, 10.0);
            int before = ((BaseNDManager) manager).getManagedArrays().size();

            new GradientClipping(1.0, 0.75).apply(List.of(a), manager);

            assertThat(((BaseNDManager) manager).getManagedArrays()).hasSize(before);
        }
    }

    @Test
    void thresholdsAreZeroForNoneOrPositive() {
        assertThat(GradientClipping.off().isOff()).isTrue();
        assertThat(new GradientClipping(1.0, 0).isOff()).isFalse();
        assertThatThrownBy(() -> new GradientClipping(-1, 0)).hasMessage("clip-value must be finite and > 0, or 0 "
                + "for none; found -1.0");
        assertThatThrownBy(() -> new GradientClipping(0, Double.NaN)).hasMessage("clip-norm must be finite and > 0, "
                + "or 0 for none; found NaN");
    }

    /** A float64 parameter whose gradient is {@code gradient}. */
    private static Parameter parameter(NDManager manager, double... gradient) {
        NDArray weight = manager.ones(new Shape(gradient.length), DataType.FLOAT64);
        weight.setRequiresGradient(true);
        Parameter parameter = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).optArray(weight).build();
        try (NDManager scratch = manager.newSubManager()) {
            NDArray c = scratch.create(gradient);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                weight.tempAttach(scratch);
                collector.backward(weight.mul(c).sum());
            }
        }
        return parameter;
    }

    private static double[] gradient(Parameter parameter) {
        try (NDArray gradient = parameter.getArray().getGradient()) {
            return gradient.toDoubleArray();
        }
    }
}
