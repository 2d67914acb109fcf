package io.mosaic.losses.invariance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Scalars;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.Views;
import io.mosaic.losses.support.CodeTaps;
import io.mosaic.losses.support.TimeMean;
import java.util.Set;

/**
 * SATI's temporal-invariance loss (eq. 6–7, brief §6), masked by length. For a sequence X [B, T, F] with lengths,
 * every step of every sample becomes a distribution over the features, s_bt = softmax(X_bt). For each pair of
 * adjacent steps (t, t+1), let V_t be the samples valid at both steps (t + 1 &lt; len_b); the pair compares the
 * batch-averaged distributions over V_t,
 * P_t = (1/|V_t|) Σ_{b∈V_t} s_bt and Q_t = (1/|V_t|) Σ_{b∈V_t} s_b,t+1,
 * by JSD(P‖Q) = ½ KL(P‖M) + ½ KL(Q‖M), M = (P + Q)/2, KL(A‖B) = Σ_i A_i log(A_i/B_i) (natural log; as in the
 * official code, 1e-10 is added inside both logarithms). Pairs with an empty V_t are skipped and
 * L = the mean of JSD over the remaining pairs, or 0 when there is none (T = 1, or every sample one step long).
 * Padded steps therefore change nothing, whatever they hold. With every sample of full length this is the
 * official code's (1/(T−1)) Σ_t JSD(p_t, p_t+1).
 */
final class TemporalInvariance implements Objective {
    static final String NAME = "temporal-invariance";
    private static final double EPSILON = 1e-10;

    private final String tap;

    TemporalInvariance(String tap) {
        this.tap = tap;
    }

    @Override
    public Set<String> taps() {
        return Set.of(tap);
    }

    @Override
    public NDArray loss(Views views) {
        Features features = CodeTaps.read(views.cleanTaps(), tap, NAME, 0);
        if (!features.isSequence()) {
            throw new IllegalArgumentException(NAME + " reads tap '" + tap + "' as a sequence [B, T, F] with "
                    + "lengths, found " + features.values().getShape());
        }
        NDArray distributions = features.paddingZeroed().softmax(2);
        long steps = distributions.getShape().get(1);
        if (steps < 2) {
            return Scalars.times(distributions.sum(), 0);
        }
        NDArray valid = TimeMean.validSteps(features);
        NDIndex earlier = new NDIndex(":, 0:{}", steps - 1);
        NDIndex later = new NDIndex(":, 1:");
        NDArray both = valid.get(earlier).mul(valid.get(later));
        NDArray samples = both.sum(new int[] {0});
        NDArray weights = both.div(Scalars.atLeast(samples, 1)).expandDims(2);
        NDArray p = distributions.get(earlier).mul(weights).sum(new int[] {0});
        NDArray q = distributions.get(later).mul(weights).sum(new int[] {0});
        NDArray divergences = jensenShannon(p, q);
        NDArray pairs = samples.gt(Scalars.constant(samples, 0)).toType(divergences.getDataType(), false);
        return divergences.mul(pairs).sum().div(Scalars.atLeast(pairs.sum(), 1));
    }

    /** JSD between the rows of p and q [N, F]: [N]. */
    static NDArray jensenShannon(NDArray p, NDArray q) {
        NDArray middle = Scalars.times(p.add(q), 0.5);
        return Scalars.times(kullbackLeibler(p, middle).add(kullbackLeibler(q, middle)), 0.5);
    }

    /** Σ_i a_i (log(a_i + ε) − log(b_i + ε)) over the last axis. */
    private static NDArray kullbackLeibler(NDArray a, NDArray b) {
        NDArray epsilon = Scalars.constant(a, EPSILON);
        return a.mul(a.add(epsilon).log().sub(b.add(epsilon).log())).sum(new int[] {-1});
    }
}
