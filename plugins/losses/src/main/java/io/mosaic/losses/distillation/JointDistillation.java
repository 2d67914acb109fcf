package io.mosaic.losses.distillation;

import ai.djl.ndarray.NDArray;
import io.mosaic.api.model.Scalars;
import io.mosaic.api.objective.Views;

/**
 * One minus the batch mean of the cosine similarity between the student's and the teacher's joint representations
 * [B, D]: L = 1 − (1/B) Σ_b cos(s_b, t_b), with cos(x, y) = x·y / max(‖x‖‖y‖, ε) and ε = 1e-8 as in
 * {@code torch.nn.functional.cosine_similarity}.
 */
final class JointDistillation extends TapDistillation {
    static final String NAME = "joint-distillation";
    private static final float EPSILON = 1e-8f;
    private static final int[] FEATURES = {1};

    JointDistillation(ViewPair pair, String tap) {
        super(pair, tap);
    }

    @Override
    public NDArray loss(Views views) {
        ViewPair.TapPair joint = pair.tap(views, tap, NAME);
        if (joint.student().getShape().dimension() != 2) {
            throw new IllegalArgumentException(NAME + " reads tap '" + tap + "' as joint representations [B, D], found "
                    + joint.student().getShape());
        }
        NDArray student = joint.student();
        NDArray teacher = joint.teacher();
        NDArray dot = student.mul(teacher).sum(FEATURES);
        // max(‖x‖‖y‖, ε) = sqrt(max(‖x‖²‖y‖², ε²)), torch's form: a zero vector gets gradient 0 rather than NaN
        NDArray squaredNorms = student.square().sum(FEATURES).mul(teacher.square().sum(FEATURES));
        NDArray cosine = dot.div(Scalars.atLeast(squaredNorms, EPSILON * EPSILON).sqrt());
        return cosine.mean().neg().add(1);
    }
}
