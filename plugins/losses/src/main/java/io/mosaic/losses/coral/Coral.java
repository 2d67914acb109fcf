package io.mosaic.losses.coral;

import ai.djl.ndarray.NDArray;
import io.mosaic.api.model.Scalars;

/** The CORAL distance of Sun and Saenko (Deep CORAL), as the CORAL-ULGM seed writes it (eq. 12–14). */
final class Coral {

    private Coral() {
    }

    /**
     * The unbiased covariance of the rows of {@code x} [n, d], n ≥ 2 (eq. 12):
     * C = (XᵀX − (1ᵀX)ᵀ(1ᵀX)/n) / (n − 1), computed in the equal centred form (X − x̄)ᵀ(X − x̄)/(n − 1), which does not
     * lose the covariance to cancellation in float32 when the features' means are large beside their spread.
     */
    static NDArray covariance(NDArray x) {
        long n = x.getShape().get(0);
        NDArray centred = x.sub(x.mean(new int[] {0}, true));
        return Scalars.dividedBy(centred.transpose().matMul(centred), n - 1);
    }

    /** CORAL(A, B) = ‖C_A − C_B‖²_F / (4d²) for A, B [n, d] (eq. 14). */
    static NDArray distance(NDArray a, NDArray b) {
        long d = a.getShape().get(1);
        return Scalars.dividedBy(covariance(a).sub(covariance(b)).square().sum(), 4.0 * d * d);
    }
}
