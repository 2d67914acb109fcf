package io.mosaic.losses.adversarial;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import io.mosaic.api.model.Scalars;
import java.util.Locale;

/** How the true class's logit is penalised in the margin loss, given cos θ_y. */
enum MarginType {
    /**
     * The paper's additive angular margin (eq. 4, ArcFace): cos(θ_y + τ) = cos θ_y cos τ − sin θ_y sin τ, with
     * sin θ_y = √(1 − cos² θ_y) (1 − cos² floored at 1e-12 under the root, so that its gradient stays finite at θ_y = 0). Where
     * θ_y + τ would pass π, cos(θ + τ) would rise again as θ grows; there, as ArcFace does, the logit is a cosine
     * margin instead, cos θ_y − (1 − cos τ), which meets cos(θ_y + τ) = −1 at θ_y = π − τ, so the logit keeps
     * falling with θ_y and is continuous.
     */
    ANGULAR {
        @Override
        NDArray target(NDArray cosine, double margin) {
            NDArray sine = Scalars.atLeast(Scalars.times(cosine.square(), -1).add(Scalars.constant(cosine, 1)), 1e-12)
                    .sqrt();
            NDArray shifted = Scalars.times(cosine, Math.cos(margin)).sub(Scalars.times(sine, Math.sin(margin)));
            NDArray extended = cosine.sub(Scalars.constant(cosine, 1 - Math.cos(margin)));
            NDArray inRange = cosine.gt(Scalars.constant(cosine, Math.cos(Math.PI - margin)));
            return NDArrays.where(inRange, shifted, extended);
        }
    },
    /** The official code's additive cosine margin (CosFace): cos θ_y − m. */
    COSINE {
        @Override
        NDArray target(NDArray cosine, double margin) {
            return cosine.sub(Scalars.constant(cosine, margin));
        }
    };

    /** The true class's cosine after the margin, elementwise over {@code cosine} (already clamped to [−1, 1]). */
    abstract NDArray target(NDArray cosine, double margin);

    /** The name in assemblies: {@code angular} or {@code cosine}. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static MarginType of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
