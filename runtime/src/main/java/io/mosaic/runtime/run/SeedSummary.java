package io.mosaic.runtime.run;

import io.mosaic.runtime.metrics.MeanStd;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One assembly trained with several seeds on the same data: {@code summary.json} of a seed group.
 *
 * @param seeds the training seeds, one run folder each
 * @param valid per metric, over the seeds' selected checkpoints on the validation split
 * @param test  the same on the test split
 * @param domainTests the same on each of the data's domain test splits ({@code source}, {@code target-<d>}); empty
 *              when the data has none
 * @param auilc per sweep protocol and metric, over the seeds
 */
public record SeedSummary(String assembly, List<Long> seeds, List<String> runs, Map<String, MeanStd> valid,
                          Map<String, MeanStd> test, Map<String, Map<String, MeanStd>> domainTests,
                          Map<String, Map<String, MeanStd>> auilc) {

    public SeedSummary {
        // summary.json of groups from before domain tests has none.
        domainTests = domainTests == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(domainTests));
    }
}
