package io.mosaic.encoders.mask;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a feature mask passes on as the classifier's evidence: S2LIF's model and the two ablations of its Table 3.
 * With the step q = F(|r| − s) and m = r ⊙ q:
 * <ul>
 *   <li>{@code selected}: x ⊙ m, the domain-invariant features (eq. 10);</li>
 *   <li>{@code removed} ("Using DS"): x ⊙ (r − m) = x ⊙ r ⊙ (1 − q), the domain-specific features the mask drops;</li>
 *   <li>{@code noise} ("Add Noise"): ε ⊙ m with ε ~ N(0, 1) drawn afresh every pass (training and evaluation),
 *       the selected features replaced by noise; padding stays zero.</li>
 * </ul>
 */
enum Evidence {
    SELECTED, REMOVED, NOISE;

    static final List<String> IDS = Arrays.stream(values()).map(Evidence::id).toList();

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Evidence of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
