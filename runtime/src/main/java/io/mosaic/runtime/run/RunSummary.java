package io.mosaic.runtime.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The results of a completed run, as {@code metrics.json} holds them.
 *
 * @param bestEpoch   the epoch whose checkpoint was selected on the validation split
 * @param parameters  scalar parameters per part of the model, and {@code total}
 * @param valid       metrics of the selected checkpoint on the validation split
 * @param test        metrics of the selected checkpoint on the test split
 * @param domainTests per domain test split of the data (the source domains' test split {@code source}, then each
 *                    target domain's, {@code target-<d>}), the selected checkpoint's metrics on it; empty when the
 *                    data trains and tests on the same domains
 * @param sweeps      the selected checkpoint on the test split under each missing-modality sweep, by protocol
 * @param strength    the debiaser's strength, tuned on the validation split and used on test and in the sweeps;
 *                    {@code null} without a debiaser
 * @param peakResidentMegabytes the process's peak resident memory when the run ended: since the process started, or
 *                    for a run of a seed group or comparison since the run started (see
 *                    {@link ProcessMemory#resetPeak()})
 * @param unimodalLabels per objective that generates unimodal labels (ULGM), Pearson's r of the selected
 *                    checkpoint's labels with the training split's own unimodal labels, {@code <m>}, and of the
 *                    multimodal label with them, {@code <m>_multimodal}; empty when the data or the objectives have none
 */
public record RunSummary(String assembly, String data, String task, int epochs, int bestEpoch, String selection,
                         Map<String, Long> parameters, Map<String, Double> valid, Map<String, Double> test,
                         Map<String, Map<String, Double>> domainTests, Map<String, SweepSummary> sweeps,
                         Double strength, double seconds, double peakResidentMegabytes,
                         Map<String, Map<String, Double>> unimodalLabels) {

    public RunSummary {
        // metrics.json of runs from before domain tests has none.
        domainTests = domainTests == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(domainTests));
    }
}
