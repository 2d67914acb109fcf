package io.mosaic.runtime.run;

import io.mosaic.runtime.metrics.MeanStd;
import java.util.List;
import java.util.Map;

/**
 * One assembly trained with several seeds on the same data: {@code summary.json} of a seed group.
 *
 * @param seeds the training seeds, one run folder each
 * @param valid per metric, over the seeds' selected checkpoints on the validation split
 * @param test  the same on the test split
 * @param auilc per sweep protocol and metric, over the seeds
 */
public record SeedSummary(String assembly, List<Long> seeds, List<String> runs, Map<String, MeanStd> valid,
                          Map<String, MeanStd> test, Map<String, Map<String, MeanStd>> auilc) {
}
