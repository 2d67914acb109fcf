package io.mosaic.losses.distillation;

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
import io.mosaic.api.objective.Objective;
import io.mosaic.losses.testing.TwoViews;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AttentionDistillationTest {
    private static final DataSpec DATA = new DataSpec(new EnumMap<>(Modality.class), 0, Task.REGRESSION);
    private static final String TAP = "fusion.attention";
    private static final float LN3 = (float) Math.log(3);
    private static final float MASKED = -1e9f;

    private final AttentionDistillationFactory factory = new AttentionDistillationFactory();
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

    private NDArray loss(NDArray teacher, NDArray student) {
        TwoViews views = TwoViews.ofTaps(manager, Math.toIntExact(student.getShape().get(0)),
                new Taps().put(TAP, teacher), new Taps().put(TAP, student));
        NDArray loss = objective().loss(views);
        assertThat(loss.getShape()).isEqualTo(new Shape());
        return loss;
    }

    /** Σ_rows KL(softmax(teacher row) ‖ softmax(student row)) in double precision, rows of {@code keys} logits. */
    private static double klSum(float[] teacher, float[] student, int keys) {
        double sum = 0;
        for (int row = 0; row < teacher.length / keys; row++) {
            double[] p = softmax(teacher, row, keys);
            double[] q = softmax(student, row, keys);
            for (int k = 0; k < keys; k++) {
                sum += p[k] * Math.log(p[k] / q[k]);
            }
        }
        return sum;
    }

    private static double[] softmax(float[] logits, int row, int keys) {
        double[] p = new double[keys];
        double total = 0;
        for (int k = 0; k < keys; k++) {
            p[k] = Math.exp(logits[row * keys + k]);
            total += p[k];
        }
        for (int k = 0; k < keys; k++) {
            p[k] /= total;
        }
        return p;
    }

    @Test
    void isTheDivergenceOfTheStudentFromTheTeacherNotTheReverse() {
        // one 2x2 map: the teacher's rows are (1/4, 3/4) and (1/2, 1/2), the student's are uniform
        NDArray teacher = manager.create(new float[] {0, LN3, 0, 0}, new Shape(1, 1, 2, 2));
        NDArray student = manager.zeros(new Shape(1, 1, 2, 2));

        // KL(P‖Q) = ¼ ln(½) + ¾ ln(3/2) + 0; KL(Q‖P) = ½ ln 2 + ½ ln(2/3) + 0
        double forward = 0.25 * Math.log(0.5) + 0.75 * Math.log(1.5);
        double reverse = 0.5 * Math.log(2) + 0.5 * Math.log(2.0 / 3);
        assertThat((double) loss(teacher, student).getFloat()).isCloseTo(forward, within(1e-6));
        assertThat((double) loss(student, teacher).getFloat()).isCloseTo(reverse, within(1e-6));
        assertThat(forward).isNotCloseTo(reverse, within(0.01));
    }

    @Test
    void dividesTheSumOverAllRowsByTheNumberOfMapsBTimesH() {
        float[] teacher = {0.3f, -1, 2, 0.5f, 0, 1, -2, 0.7f, 1.5f, 0.2f, 0.1f, -0.4f,
            1, 1, 0, 2, -1, 0.5f, 0.9f, -0.3f, 0, 0, 2.5f, -1.2f};
        float[] student = {1, 0, -0.5f, 0.25f, 2, -1, 0, 0, 0.6f, 1.1f, -0.8f, 0.3f,
            0.4f, -0.2f, 1.3f, 0, 0.8f, 2, -1.5f, 0.6f, 0.2f, -0.9f, 0, 1.7f};
        // B = 2, H = 3 maps of 2 queries x 2 keys: 12 rows
        NDArray loss = loss(manager.create(teacher, new Shape(2, 3, 2, 2)), manager.create(student,
                new Shape(2, 3, 2, 2)));

        assertThat((double) loss.getFloat()).isCloseTo(klSum(teacher, student, 2) / 6, within(1e-6));
    }

    @Test
    void keysMaskedInBothViewsAddNothingToTheLossOrTheGradient() {
        float[] teacher = {0.5f, -1, MASKED, 2, 0.3f, MASKED};
        float[] student = {0, 1, MASKED, -0.5f, 1.2f, MASKED};
        NDArray studentMaps = manager.create(student, new Shape(1, 1, 2, 3));
        studentMaps.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = loss(manager.create(teacher, new Shape(1, 1, 2, 3)), studentMaps);
            collector.backward(loss);

            float[] unmaskedTeacher = {0.5f, -1, 2, 0.3f};
            float[] unmaskedStudent = {0, 1, -0.5f, 1.2f};
            assertThat((double) loss.getFloat())
                    .isCloseTo(klSum(unmaskedTeacher, unmaskedStudent, 2), within(1e-6));
            // Q − P on the unmasked keys, 0 − 0 on the masked ones
            float[] gradient = studentMaps.getGradient().toFloatArray();
            for (int row = 0; row < 2; row++) {
                double[] p = softmax(unmaskedTeacher, row, 2);
                double[] q = softmax(unmaskedStudent, row, 2);
                assertThat((double) gradient[row * 3]).isCloseTo(q[0] - p[0], within(1e-6));
                assertThat((double) gradient[row * 3 + 1]).isCloseTo(q[1] - p[1], within(1e-6));
                assertThat(gradient[row * 3 + 2]).isZero();
            }
        }
    }

    @Test
    void onlyTheStudentGetsAGradientAndItIsQMinusPOverTheMaps() {
        Engine.getInstance().setRandomSeed(7);
        float[] teacher = {0, LN3, 0, 0, 1, -1, 2, 0};
        float[] student = {0, 0, LN3, 0, 0.5f, 0, 0, 0};
        NDArray teacherMaps = manager.create(teacher, new Shape(2, 1, 2, 2));
        NDArray studentMaps = manager.create(student, new Shape(2, 1, 2, 2));
        teacherMaps.setRequiresGradient(true);
        studentMaps.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(loss(teacherMaps, studentMaps));
            float[] gradient = studentMaps.getGradient().toFloatArray();

            // ∂/∂s_k of −Σ_j P_j log Q_j is Q_k − P_k per row; the loss divides by the 2 maps
            for (int row = 0; row < 4; row++) {
                double[] p = softmax(teacher, row, 2);
                double[] q = softmax(student, row, 2);
                for (int k = 0; k < 2; k++) {
                    assertThat((double) gradient[row * 2 + k]).isCloseTo((q[k] - p[k]) / 2, within(1e-6));
                }
            }
            assertThat(teacherMaps.getGradient().toFloatArray()).containsOnly(0f);
        }
    }

    @Test
    void readsTheAttentionTapOfBothViews() {
        Objective attention = objective();

        assertThat(attention.taps()).isEqualTo(Set.of(TAP));
        assertThat(attention.views()).isEqualTo(Set.of("clean", "missing"));
    }

    @Test
    void rejectsMapsWithoutABatchAxis() {
        NDArray map = manager.zeros(new Shape(2, 2));

        assertThatThrownBy(() -> loss(map, map))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reads tap 'fusion.attention' as attention logits with a batch axis")
                .hasMessageContaining("found (2, 2)");
    }
}
