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

class JointDistillationTest {
    private static final DataSpec DATA = new DataSpec(new EnumMap<>(Modality.class), 0, Task.REGRESSION);
    private static final float ROOT3 = (float) Math.sqrt(3);

    private final JointDistillationFactory factory = new JointDistillationFactory();
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Objective objective(Map<String, Object> raw) {
        return factory.create(Parameters.of(factory.parameters(), raw), DATA);
    }

    private NDArray rows(float[]... rows) {
        return manager.create(rows);
    }

    private float loss(NDArray student, NDArray teacher) {
        TwoViews views = TwoViews.ofTaps(manager, Math.toIntExact(student.getShape().get(0)),
                new Taps().put("joint", teacher), new Taps().put("joint", student));
        NDArray loss = objective(Map.of()).loss(views);
        assertThat(loss.getShape()).isEqualTo(new Shape());
        return loss.getFloat();
    }

    @Test
    void isOneForOrthogonalZeroForParallelAndAHalfForSixtyDegrees() {
        assertThat(loss(rows(new float[] {1, 0}), rows(new float[] {0, 3}))).isCloseTo(1, within(1e-6f));
        assertThat(loss(rows(new float[] {1, 2}), rows(new float[] {2, 4}))).isCloseTo(0, within(1e-6f));
        assertThat(loss(rows(new float[] {2, 0}), rows(new float[] {1, ROOT3}))).isCloseTo(0.5f, within(1e-6f));
    }

    @Test
    void averagesTheCosineOverTheBatch() {
        NDArray student = rows(new float[] {1, 0}, new float[] {1, 0}, new float[] {1, 0});
        NDArray teacher = rows(new float[] {0, 1}, new float[] {5, 0}, new float[] {1, ROOT3});

        // 1 − (0 + 1 + 0.5) / 3
        assertThat(loss(student, teacher)).isCloseTo(0.5f, within(1e-6f));
    }

    @Test
    void aZeroVectorHasCosineZeroRatherThanNaN() {
        assertThat(loss(rows(new float[] {0, 0}), rows(new float[] {1, 1}))).isCloseTo(1, within(1e-6f));
    }

    @Test
    void onlyTheStudentGetsAGradientAndItIsTheClosedForm() {
        Engine.getInstance().setRandomSeed(7);
        NDArray student = rows(new float[] {1, 0}, new float[] {0, 2});
        NDArray teacher = rows(new float[] {1, ROOT3}, new float[] {3, 0});
        student.setRequiresGradient(true);
        teacher.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(objective(Map.of()).loss(TwoViews.ofTaps(manager, 2,
                    new Taps().put("joint", teacher), new Taps().put("joint", student))));
            float[] studentGradient = student.getGradient().toFloatArray();

            // ∂cos(s, t)/∂s = t / (‖s‖‖t‖) − (s·t) s / (‖s‖³‖t‖), and ∂L/∂s_b = −(1/B) ∂cos/∂s_b:
            // row 0, s = (1, 0), t = (1, √3): (1/2, √3/2) − (1/2, 0) = (0, √3/2); row 1 is orthogonal: t / (2·3)
            assertThat(studentGradient).containsExactly(new float[] {0, -ROOT3 / 4, -0.25f, 0}, within(1e-6f));
            assertThat(teacher.getGradient().toFloatArray()).containsOnly(0f);
        }
    }

    @Test
    void readsTheTapNamedByOnFromTheNamedViews() {
        Objective joint = objective(Map.of("on", "fusion.joint", "teacher", "full", "student", "half"));

        assertThat(joint.taps()).isEqualTo(Set.of("fusion.joint"));
        assertThat(joint.views()).isEqualTo(Set.of("full", "half"));
    }

    @Test
    void rejectsTapsOfDifferentShapesNamingBothViews() {
        TwoViews views = TwoViews.ofTaps(manager, 2, new Taps().put("joint", manager.ones(new Shape(2, 3))),
                new Taps().put("joint", manager.ones(new Shape(2, 4))));

        assertThatThrownBy(() -> objective(Map.of()).loss(views))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("joint-distillation compares tap 'joint' of views 'clean' and 'missing'")
                .hasMessageContaining("found (2, 3) and (2, 4)");
    }

    @Test
    void rejectsATapThatIsNotAMatrixOfVectors() {
        NDArray sequence = manager.ones(new Shape(2, 5, 3));
        TwoViews views = TwoViews.ofTaps(manager, 2, new Taps().put("joint", sequence),
                new Taps().put("joint", sequence));

        assertThatThrownBy(() -> objective(Map.of()).loss(views))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reads tap 'joint' as joint representations [B, D], found (2, 5, 3)");
    }
}
