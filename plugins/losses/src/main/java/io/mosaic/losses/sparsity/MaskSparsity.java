package io.mosaic.losses.sparsity;

import ai.djl.ndarray.NDArray;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.Views;
import java.util.Set;

/**
 * S2LIF's sparsity term (eq. 12, IMO's and DST's form, {@code reference/s2lif.md} §2–3) on the thresholds s [d] of
 * one feature mask: L = Σ_i exp(−s_i), so ∂L/∂s_i = −exp(−s_i): every threshold is pushed up, ever more weakly as
 * it grows, and a higher threshold drops more features. The weight α is the objective entry's {@code weight}.
 */
final class MaskSparsity implements Objective {
    static final String NAME = "mask-sparsity";

    private final String tap;

    /** @param tap the thresholds' tap, e.g. {@code text.mask.threshold} */
    MaskSparsity(String tap) {
        this.tap = tap;
    }

    @Override
    public Set<String> taps() {
        return Set.of(tap);
    }

    @Override
    public NDArray loss(Views views) {
        NDArray thresholds;
        try {
            thresholds = views.cleanTaps().get(tap);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(NAME + " reads tap '" + tap + "': " + e.getMessage(), e);
        }
        if (thresholds.getShape().dimension() != 1) {
            throw new IllegalArgumentException(NAME + " reads tap '" + tap + "' as a feature mask's thresholds s "
                    + "[d], found " + thresholds.getShape() + "; name a feature-mask's '<slot>.mask.threshold'");
        }
        return thresholds.neg().exp().sum();
    }
}
