package io.mosaic.runtime.compare;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An assembly over its seeds on one of the data's domain test splits (the source domains' test split, or a target
 * domain's).
 *
 * @param metrics per metric, the selected checkpoints on the split
 * @param paired  per metric, the paired t-test against the reference on the same split; empty for the reference
 */
public record DomainTestComparison(Map<String, OverSeeds> metrics, Map<String, PairedTest> paired) {

    public DomainTestComparison {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        paired = Collections.unmodifiableMap(new LinkedHashMap<>(paired));
    }
}
