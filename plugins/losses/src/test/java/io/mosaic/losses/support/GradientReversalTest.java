package io.mosaic.losses.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mosaic.losses.testing.GradientCheck;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gradient reversal layer of SATI's eq. 3 (its reference [11]): identity forward, −λ·gradient backward. */
class GradientReversalTest {
    private static final double[] X = {0.5, -1.25, 2, 0.125};
    private static final Shape SHAPE = new Shape(2, 2);

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** A small graph above the layer: f(u) = Σ c ⊙ sin(u) · u, whose gradient is c ⊙ (cos(u)·u + sin(u)). */
    private static NDArray above(NDArray u) {
        NDArray c = u.getManager().create(new double[] {1, -2, 0.5, 3}, SHAPE);
        return c.mul(u.sin()).mul(u).sum();
    }

    @Test
    void isTheIdentityForwardToTheBit() {
        float[] x = {0.1f, -3.7f, 1e-30f, 12345.678f};
        NDArray input = manager.create(x);

        assertThat(GradientReversal.apply(input, 0.37).toFloatArray()).containsExactly(x);
        assertThat(GradientReversal.apply(input, 1).toFloatArray()).containsExactly(x);
    }

    @Test
    void theGradientBelowIsMinusLambdaTimesTheGradientAbove() {
        // the gradient above the layer, by finite differences of f alone (the layer is the identity forward)
        double[] gradientAbove = GradientCheck.finiteDifferences(manager, GradientReversalTest::above, X, SHAPE, 1e-6);
        for (double lambda : new double[] {1, 0.4, 2.5}) {
            Function<NDArray, NDArray> reversed = x -> above(GradientReversal.apply(x, lambda));

            double[] gradientBelow = GradientCheck.autograd(manager, reversed, X, SHAPE);

            for (int i = 0; i < X.length; i++) {
                assertThat(gradientBelow[i]).isCloseTo(-lambda * gradientAbove[i], within(1e-7));
            }
            assertThat(GradientCheck.value(manager, reversed, X, SHAPE))
                    .isEqualTo(GradientCheck.value(manager, GradientReversalTest::above, X, SHAPE));
        }
        // and the closed form: c ⊙ (cos(x)·x + sin(x)), reversed
        double[] c = {1, -2, 0.5, 3};
        double[] gradientBelow = GradientCheck.autograd(manager, x -> above(GradientReversal.apply(x, 1)), X, SHAPE);
        for (int i = 0; i < X.length; i++) {
            assertThat(gradientBelow[i]).isCloseTo(-c[i] * (Math.cos(X[i]) * X[i] + Math.sin(X[i])), within(1e-12));
        }
    }
}
