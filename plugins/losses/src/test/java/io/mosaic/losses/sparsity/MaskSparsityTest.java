package io.mosaic.losses.sparsity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mosaic.api.component.ParameterException;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.Task;
import io.mosaic.api.model.Taps;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.Views;
import io.mosaic.losses.testing.GradientCheck;
import io.mosaic.losses.testing.TargetBatch;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** S2LIF's sparsity term Σ exp(−s_i) (seed eq. 12; {@code reference/s2lif.md} §2). */
class MaskSparsityTest {
    private static final DataSpec DATA = new DataSpec(new EnumMap<>(Modality.class), 0, Task.REGRESSION);
    private static final String TAP = "text.mask.threshold";
    private static final double[] THRESHOLDS = {0, Math.log(2), -Math.log(3), 1};

    private final MaskSparsityFactory factory = new MaskSparsityFactory();
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Objective objective(String on) {
        return factory.create(Parameters.of(factory.parameters(), Map.of("on", on)), DATA);
    }

    private Views views(String name, NDArray value) {
        Taps taps = new Taps();
        taps.put(name, value);
        NDArray zeros = manager.zeros(new Shape(1));
        return Views.clean(TargetBatch.of(zeros, zeros), taps);
    }

    private final Function<NDArray, NDArray> loss = s -> objective(TAP).loss(views(TAP, s));

    @Test
    void isTheSumOfExpMinusEveryThreshold() {
        // exp(−s) = (1, 1/2, 3, 1/e)
        double value = GradientCheck.value(manager, loss, THRESHOLDS, new Shape(4));
        assertThat(value).isCloseTo(4.5 + Math.exp(-1), within(1e-12));
        assertThat(objective(TAP).loss(views(TAP, manager.create(new float[] {0, 0, 0}))).getFloat()).isEqualTo(3f);
    }

    @Test
    void itsGradientIsMinusExpMinusS() {
        double[] gradient = GradientCheck.autograd(manager, loss, THRESHOLDS, new Shape(4));
        assertThat(gradient).containsExactly(new double[] {-1, -0.5, -3, -Math.exp(-1)}, within(1e-12));
        assertThat(GradientCheck.finiteDifferences(manager, loss, THRESHOLDS, new Shape(4), 1e-6))
                .containsExactly(gradient, within(1e-8));
    }

    @Test
    void readsTheNamedThresholdsTap() {
        assertThat(objective("vision.mask.threshold").taps()).containsExactly("vision.mask.threshold");
        assertThatThrownBy(() -> Parameters.of(factory.parameters(), Map.of()))
                .isInstanceOf(ParameterException.class).hasMessageContaining("on");
    }

    @Test
    void namesTheTapWhenItIsMissingOrNotAVectorOfThresholds() {
        assertThatThrownBy(() -> objective(TAP).loss(views("text.mask", manager.ones(new Shape(3)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mask-sparsity reads tap 'text.mask.threshold': no tap 'text.mask.threshold'");
        assertThatThrownBy(() -> objective(TAP).loss(views(TAP, manager.ones(new Shape(2, 3)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mask-sparsity reads tap 'text.mask.threshold' as a feature mask's thresholds s [d], "
                        + "found (2, 3); name a feature-mask's '<slot>.mask.threshold'");
    }
}
