package io.mosaic.losses.coral;

import ai.djl.ndarray.NDArray;
import io.mosaic.api.model.Scalars;
import java.util.Locale;

/**
 * How an "A+B" pair learns private information: a term that falls as CORAL(A, B) grows, bounded in [0, 1] (the
 * objective entry's weight w scales it to [0, w]), because −CORAL, the plain opposite of alignment, is unbounded
 * below and would reward covariances that blow up (papers.md, CORAL-ULGM).
 */
enum Repulsion {
    /** exp(−CORAL): 1 at CORAL = 0, slope −1 there, tending to 0 with a vanishing gradient. */
    EXP {
        @Override
        NDArray of(NDArray coral, double margin) {
            return coral.neg().exp();
        }
    },
    /** max(0, m − CORAL)/m: 1 at CORAL = 0, falling linearly to 0 at the margin m, and 0 (no gradient) beyond. */
    HINGE {
        @Override
        NDArray of(NDArray coral, double margin) {
            return Scalars.atLeast(Scalars.constant(coral, 1).sub(Scalars.dividedBy(coral, margin)), 0);
        }
    };

    /** The term of a private pair whose CORAL distance is {@code coral} (a scalar), in [0, 1]. */
    abstract NDArray of(NDArray coral, double margin);

    /** The name in assemblies: {@code exp} or {@code hinge}. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Repulsion of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
