package io.mosaic.losses.invariance;

import ai.djl.ndarray.NDArray;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.Scalars;
import io.mosaic.api.model.Taps;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.Views;
import io.mosaic.losses.support.CodeTaps;
import io.mosaic.losses.support.TimeMean;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * SATI's consistency loss (eq. 2), L = (1/P) Σ_{pairs m1 &lt; m2} CMD(I_m1, I_m2) over the P pairs of modalities, on
 * the time-means of the codes {@code <m>.<codes>} over each sample's valid steps ([B, H] each). CMD with K moments is
 * the form of MISA's code that SATI runs (brief §4):
 * CMD(x, y) = ‖E[x] − E[y]‖₂ + Σ_{k=2..K} ‖C_k(x) − C_k(y)‖₂, with E the batch mean per feature,
 * C_k(x) = E[(x − E[x])^k] per feature and ‖·‖₂ over the features; Zellinger's 1/|b − a|^k range factors are left
 * out.
 */
final class CentralMomentDiscrepancy implements Objective {
    static final String NAME = "cmd";

    private final List<Modality> modalities;
    private final String codes;
    private final int moments;

    /**
     * @param codes   the suffix of the code taps, {@code <m>.<codes>}
     * @param moments K, the highest central moment compared (1: only the means)
     */
    CentralMomentDiscrepancy(List<Modality> modalities, String codes, int moments) {
        if (modalities.size() < 2 || moments < 1) {
            throw new IllegalArgumentException(NAME + " compares at least 2 modalities over at least 1 moment, got "
                    + modalities + " and " + moments);
        }
        this.modalities = List.copyOf(modalities);
        this.codes = codes;
        this.moments = moments;
    }

    @Override
    public Set<String> taps() {
        Set<String> taps = new LinkedHashSet<>();
        modalities.forEach(modality -> taps.add(CodeTaps.name(modality, codes)));
        return Collections.unmodifiableSet(taps);
    }

    @Override
    public NDArray loss(Views views) {
        Taps taps = views.cleanTaps();
        NDArray[] means = new NDArray[modalities.size()];
        for (int m = 0; m < means.length; m++) {
            String tap = CodeTaps.name(modalities.get(m), codes);
            means[m] = TimeMean.of(CodeTaps.read(taps, tap, NAME, 0));
            if (m > 0 && !means[m].getShape().equals(means[0].getShape())) {
                throw new IllegalArgumentException(NAME + " compares the time-means of taps '"
                        + CodeTaps.name(modalities.get(0), codes) + "' and '" + tap + "', which differ in shape: "
                        + means[0].getShape() + " and " + means[m].getShape());
            }
        }
        NDArray total = null;
        int pairs = 0;
        for (int i = 0; i < means.length; i++) {
            for (int j = i + 1; j < means.length; j++) {
                NDArray discrepancy = discrepancy(means[i], means[j], moments);
                total = total == null ? discrepancy : total.add(discrepancy);
                pairs++;
            }
        }
        return Scalars.dividedBy(total, pairs);
    }

    /** CMD(x, y) for x, y [B, H] with K = {@code moments}. */
    static NDArray discrepancy(NDArray x, NDArray y, int moments) {
        NDArray meanX = x.mean(new int[] {0});
        NDArray meanY = y.mean(new int[] {0});
        NDArray total = meanX.sub(meanY).norm();
        NDArray centredX = x.sub(meanX);
        NDArray centredY = y.sub(meanY);
        NDArray powerX = centredX;
        NDArray powerY = centredY;
        for (int k = 2; k <= moments; k++) {
            powerX = powerX.mul(centredX);
            powerY = powerY.mul(centredY);
            total = total.add(powerX.mean(new int[] {0}).sub(powerY.mean(new int[] {0})).norm());
        }
        return total;
    }
}
