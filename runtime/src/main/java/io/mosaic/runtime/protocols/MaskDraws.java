package io.mosaic.runtime.protocols;

import io.mosaic.api.data.Modality;
import io.mosaic.api.protocol.SampleLayout;
import io.mosaic.api.protocol.SampleMask;
import java.util.SplittableRandom;

/** The random events the protocols are made of, drawn from a sample's own stream. */
final class MaskDraws {

    private MaskDraws() {
    }

    /**
     * Checks that {@code rate} is a missing rate.
     *
     * @throws IllegalArgumentException when it is outside [0, 1] or not a number
     */
    static double checkRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("a missing rate is in [0, 1], found " + rate);
        }
        return rate;
    }

    /**
     * An event of probability {@code rate}: u &lt; rate for u ~ U[0, 1). The reference keeps a position iff u &gt;
     * rate; the two differ only at u == rate, and this form is exact at the ends (never at 0, always at 1).
     */
    static boolean occurs(double rate, SplittableRandom random) {
        return random.nextDouble() < rate;
    }

    /** Removes each removable position of {@code modality} independently with probability {@code rate}. */
    static void removeEach(SampleMask mask, Modality modality, double rate, SplittableRandom random) {
        SampleLayout layout = mask.layout();
        for (int t = 0; t < layout.length(modality); t++) {
            if (layout.removable(modality, t) && occurs(rate, random)) {
                mask.remove(modality, t);
            }
        }
    }
}
