package io.mosaic.runtime.compare;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One assembly of a comparison, over the comparison's seeds.
 *
 * @param group                 its seed group's folder, relative to the comparison's folder
 * @param valid                 per metric, the selected checkpoints on the validation split
 * @param test                  per metric, the selected checkpoints on the test split
 * @param paired                per test metric, the paired t-test against the reference; empty for the reference
 * @param domainTests           per domain test split of the data ({@code source}, {@code target-<d>}), its metrics
 *                              and paired t-tests; empty when the data has none
 * @param parameters            the model's scalar parameters
 * @param training              the training loss and validation selection metric per epoch, over the seeds
 * @param peakResident          the process's peak resident memory while its seeds trained, and what that covers
 * @param sweeps                per missing-modality sweep protocol
 */
public record AssemblyComparison(String assembly, String group, Map<String, OverSeeds> valid,
                                 Map<String, OverSeeds> test, Map<String, PairedTest> paired,
                                 Map<String, DomainTestComparison> domainTests, long parameters,
                                 double secondsPerEpoch, double samplesPerSecond, TrainingCurve training,
                                 PeakResident peakResident,
                                 Map<String, SweepComparison> sweeps) {

    public AssemblyComparison {
        // comparison.json of comparisons from before domain tests has none.
        domainTests = domainTests == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(domainTests));
    }
}
