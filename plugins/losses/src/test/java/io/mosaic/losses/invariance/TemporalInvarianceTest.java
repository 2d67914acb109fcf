package io.mosaic.losses.invariance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.Task;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.Views;
import io.mosaic.losses.testing.CodeTapsFixture;
import io.mosaic.losses.testing.GradientCheck;
import io.mosaic.losses.testing.TargetBatch;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SATI's eq. 6–7 (brief §6), masked by length as papers.md decides. */
class TemporalInvarianceTest {
    private static final DataSpec DATA = new DataSpec(new EnumMap<>(Modality.class), 0, Task.REGRESSION);
    private static final float LN3 = (float) Math.log(3);
    /** JSD((1/4, 3/4) ‖ (1/2, 1/2)), natural log: ½ KL(P‖M) + ½ KL(Q‖M) with M = (3/8, 5/8). */
    private static final double JSD = 0.5 * (0.25 * Math.log(0.25 / 0.375) + 0.75 * Math.log(0.75 / 0.625))
            + 0.5 * (0.5 * Math.log(0.5 / 0.375) + 0.5 * Math.log(0.5 / 0.625));

    private final TemporalInvarianceFactory factory = new TemporalInvarianceFactory();
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Objective objective() {
        return factory.create(Parameters.defaults(factory.parameters()), DATA);
    }

    private float loss(int steps, float[] codes, long... lengths) {
        CodeTapsFixture taps = new CodeTapsFixture(manager).sequence("vision.sequence", steps, 2, codes, lengths);
        return objective().loss(taps.views()).getFloat();
    }

    @Test
    void isTheJensenShannonDivergenceOfTheStepsSoftmaxes() {
        // softmax(0, ln 3) = (1/4, 3/4), softmax(0, 0) = (1/2, 1/2)
        assertThat(JSD).isCloseTo(0.0338220756, within(1e-9));
        assertThat(loss(2, new float[] {0, LN3, 0, 0}, 2)).isCloseTo((float) JSD, within(1e-7f));
        assertThat(loss(2, new float[] {0, 0, 0, LN3}, 2)).isCloseTo((float) JSD, within(1e-7f));
    }

    @Test
    void comparesBatchAveragedDistributionsNotSamples() {
        // step 0: (1/4, 3/4) and (3/4, 1/4) average to (1/2, 1/2); step 1 is (1/2, 1/2) for both: JSD 0
        float loss = loss(2, new float[] {0, LN3, 0, 0, LN3, 0, 0, 0}, 2, 2);

        assertThat(loss).isCloseTo(0, within(1e-7f));
    }

    @Test
    void averagesTheAdjacentPairs() {
        // pairs (0, 1): JSD as above; (1, 2): identical steps, 0
        assertThat(loss(3, new float[] {0, LN3, 0, 0, 0, 0}, 3)).isCloseTo((float) JSD / 2, within(1e-7f));
    }

    @Test
    void aPaddedStepChangesNothing() {
        // sample 0 is 3 steps long, sample 1 only 2: pair (0, 1) averages both samples, pair (1, 2) sample 0 alone.
        // Pair (0, 1): P = avg((1/4, 3/4), (3/4, 1/4)) = (1/2, 1/2), Q = (1/2, 1/2): 0. Pair (1, 2): sample 0's
        // (1/2, 1/2) and (1/4, 3/4): JSD. Counting sample 1's padding (0, 0) would make pair (1, 2) another value.
        float[] codes = {0, LN3, 0, 0, 0, LN3, LN3, 0, 0, 0, 0, 0};
        float[] otherPadding = codes.clone();
        otherPadding[10] = Float.NaN;
        otherPadding[11] = 40;

        assertThat(loss(3, codes, 3, 2)).isCloseTo((float) JSD / 2, within(1e-7f));
        assertThat(loss(3, otherPadding, 3, 2)).isEqualTo(loss(3, codes, 3, 2));
    }

    @Test
    void skipsPairsNoSampleCoversAndIsZeroWithOneStep() {
        // both samples are 2 steps long: pair (1, 2) has no sample and is skipped, not averaged in as 0
        float[] codes = {0, LN3, 0, 0, 9, 9, 0, LN3, 0, 0, 9, -9};
        assertThat(loss(3, codes, 2, 2)).isCloseTo((float) JSD, within(1e-7f));

        assertThat(loss(1, new float[] {0, LN3, 5, 1}, 1, 1)).isZero();
        assertThat(loss(3, new float[] {0, LN3, Float.NaN, 0, 7, 7, 1, 2, 3, 4, 5, 6}, 1, 1)).isZero();
    }

    @Test
    void oneStepGivesAZeroGradientNotNaN() {
        double[] gradient = GradientCheck.autograd(manager, codes -> objective().loss(views(codes, 1, 1)),
                new double[] {0.3, -1, 2, 0.5}, new Shape(2, 1, 2));

        assertThat(gradient).containsOnly(0.0);
    }

    @Test
    void itsGradientIsTheFiniteDifferenceOne() {
        Random random = new Random(5);
        double[] codes = new double[2 * 4 * 3];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = random.nextGaussian();
        }
        Function<NDArray, NDArray> loss = values -> objective().loss(views(values, 4, 2));
        Shape shape = new Shape(2, 4, 3);

        double[] autograd = GradientCheck.autograd(manager, loss, codes, shape);
        double[] numeric = GradientCheck.finiteDifferences(manager, loss, codes, shape, 1e-6);

        assertThat(autograd).containsExactly(numeric, within(1e-7));
        assertThat(autograd[3 * 4 + 6]).isZero();
    }

    private static Views views(NDArray codes, long... lengths) {
        Taps taps = new Taps().put("vision.sequence",
                Features.sequence(codes, codes.getManager().create(lengths)));
        NDArray zeros = codes.getManager().zeros(new Shape(lengths.length));
        return Views.clean(TargetBatch.of(zeros, zeros), taps);
    }

    @Test
    void readsTheTapNamedByOn() {
        assertThat(objective().taps()).isEqualTo(Set.of("vision.sequence"));
        assertThat(factory.create(Parameters.of(factory.parameters(), Map.of("on", "vision.encoded")), DATA).taps())
                .isEqualTo(Set.of("vision.encoded"));
    }

    @Test
    void rejectsAPooledTap() {
        Taps taps = new Taps().put("vision.sequence", manager.ones(new Shape(2, 3)));
        NDArray zeros = manager.zeros(new Shape(2));

        assertThatThrownBy(() -> objective().loss(Views.clean(TargetBatch.of(zeros, zeros), taps)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("temporal-invariance reads tap 'vision.sequence' as a sequence [B, T, F] with lengths, "
                        + "found (2, 3)");
    }
}
