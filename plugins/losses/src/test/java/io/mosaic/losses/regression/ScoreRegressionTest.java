package io.mosaic.losses.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.Task;
import io.mosaic.api.model.Taps;
import io.mosaic.api.objective.Views;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.ObjectiveFactory;
import io.mosaic.losses.testing.TargetBatch;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScoreRegressionTest {
    /** Regression losses ignore the task: they are built for a 3-class task here to show it. */
    private static final DataSpec DATA = new DataSpec(new EnumMap<>(Modality.class), 0, new Task(3));
    private static final float[] SCORES = {0.5f, 2, 1};
    private static final float[] PREDICTED = {1, 2, -1};

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Objective objective(ObjectiveFactory factory, Map<String, Object> raw) {
        return factory.create(Parameters.of(factory.parameters(), raw), DATA);
    }

    private Views view(String tap, NDArray predicted) {
        NDArray labels = manager.create(new long[] {1, 2, 1});
        return Views.clean(TargetBatch.of(manager.create(SCORES), labels), new Taps().put(tap, predicted));
    }

    @Test
    void l1IsTheMeanAbsoluteErrorOnAColumnOfScores() {
        Objective l1 = objective(new L1Factory(), Map.of());
        NDArray loss = l1.loss(view("prediction", manager.create(PREDICTED, new Shape(3, 1))));

        assertThat(loss.getShape()).isEqualTo(new Shape());
        assertThat(loss.getFloat()).isCloseTo((0.5f + 0 + 2) / 3, within(1e-6f));
    }

    @Test
    void mseIsTheMeanSquaredErrorOnAVectorOfScores() {
        Objective mse = objective(new MseFactory(), Map.of());
        NDArray loss = mse.loss(view("prediction", manager.create(PREDICTED)));

        assertThat(loss.getFloat()).isCloseTo((0.25f + 0 + 4) / 3, within(1e-6f));
    }

    @Test
    void readsTheTapNamedByOn() {
        Objective l1 = objective(new L1Factory(), Map.of("on", "text.score"));

        assertThat(l1.taps()).isEqualTo(Set.of("text.score"));
        assertThat(l1.loss(view("text.score", manager.create(PREDICTED))).getFloat())
                .isCloseTo((0.5f + 0 + 2) / 3, within(1e-6f));
    }

    @Test
    void gradientsAreTheClosedForms() {
        Engine.getInstance().setRandomSeed(1);
        float[] l1Gradient = gradient(new L1Factory());
        float[] mseGradient = gradient(new MseFactory());

        // d/dŷ (1/B) Σ |ŷ − y| = sign(ŷ − y) / B, and d/dŷ (1/B) Σ (ŷ − y)² = 2(ŷ − y) / B
        for (int b = 0; b < 3; b++) {
            float difference = PREDICTED[b] - SCORES[b];
            if (difference != 0) {
                assertThat(l1Gradient[b]).isCloseTo(Math.signum(difference) / 3, within(1e-6f));
            }
            assertThat(mseGradient[b]).isCloseTo(2 * difference / 3, within(1e-6f));
        }
    }

    private float[] gradient(ObjectiveFactory factory) {
        NDArray predicted = manager.create(PREDICTED, new Shape(3, 1));
        predicted.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(objective(factory, Map.of()).loss(view("prediction", predicted)));
            return predicted.getGradient().toFloatArray();
        }
    }

    @Test
    void rejectsPredictionsThatAreNotOneScorePerSample() {
        Objective l1 = objective(new L1Factory(), Map.of());

        assertThatThrownBy(() -> l1.loss(view("prediction", manager.zeros(new Shape(3, 2)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("l1 reads tap 'prediction' as predicted scores [3, 1] or [3]")
                .hasMessageContaining("found (3, 2)");
    }
}
