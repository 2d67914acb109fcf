package io.mosaic.losses.classification;

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
import io.mosaic.losses.testing.TargetBatch;
import java.util.EnumMap;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CrossEntropyTest {
    private static final float[] LOGITS = {1, 2, 0, 0, 0, 3};
    private static final long[] LABELS = {1, 2};

    private final CrossEntropyFactory factory = new CrossEntropyFactory();
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Objective objective(Task task) {
        return factory.create(Parameters.defaults(factory.parameters()),
                new DataSpec(new EnumMap<>(Modality.class), 0, task));
    }

    private Views view(NDArray logits) {
        NDArray scores = manager.create(new float[] {0.4f, 2.2f});
        return Views.clean(TargetBatch.of(scores, manager.create(LABELS)), new Taps().put("prediction", logits));
    }

    /** softmax of row {@code b} of {@link #LOGITS}, C = 3. */
    private static double[] softmax(int b) {
        double[] p = new double[3];
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            p[c] = Math.exp(LOGITS[b * 3 + c]);
            sum += p[c];
        }
        for (int c = 0; c < 3; c++) {
            p[c] /= sum;
        }
        return p;
    }

    @Test
    void isTheMeanNegativeLogLikelihoodOfTheLabels() {
        Objective crossEntropy = objective(new Task(3));
        NDArray loss = crossEntropy.loss(view(manager.create(LOGITS, new Shape(2, 3))));

        double expected = -(Math.log(softmax(0)[1]) + Math.log(softmax(1)[2])) / 2;
        assertThat(crossEntropy.taps()).isEqualTo(Set.of("prediction"));
        assertThat(loss.getShape()).isEqualTo(new Shape());
        assertThat((double) loss.getFloat()).isCloseTo(expected, within(1e-6));
    }

    @Test
    void gradientIsSoftmaxMinusOneHotOverTheBatchSize() {
        NDArray logits = manager.create(LOGITS, new Shape(2, 3));
        logits.setRequiresGradient(true);
        float[] gradient;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(objective(new Task(3)).loss(view(logits)));
            gradient = logits.getGradient().toFloatArray();
        }

        for (int b = 0; b < 2; b++) {
            double[] p = softmax(b);
            for (int c = 0; c < 3; c++) {
                double oneHot = c == LABELS[b] ? 1 : 0;
                assertThat((double) gradient[b * 3 + c]).isCloseTo((p[c] - oneHot) / 2, within(1e-6));
            }
        }
    }

    @Test
    void rejectsARegressionTask() {
        assertThatThrownBy(() -> objective(Task.REGRESSION))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cross-entropy needs a classification task")
                .hasMessageContaining("found regression");
    }

    @Test
    void rejectsLogitsForAnotherNumberOfClassesNamingTheTapAndShapes() {
        Objective crossEntropy = objective(new Task(5));

        assertThatThrownBy(() -> crossEntropy.loss(view(manager.create(LOGITS, new Shape(2, 3)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tap 'prediction'")
                .hasMessageContaining("(2, 5)")
                .hasMessageContaining("found (2, 3)");
    }
}
