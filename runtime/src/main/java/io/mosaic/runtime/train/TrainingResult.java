package io.mosaic.runtime.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a finished training run reports.
 *
 * @param valid      the selected checkpoint on the validation split
 * @param test       the selected checkpoint on the test split, read once at the end; empty when the assembly
 *                   defers it ({@code train.select.test: deferred})
 * @param domainTests the selected checkpoint on each of the data's {@linkplain
 *                   io.mosaic.runtime.data.Dataset#domainTests() domain test splits} (the source domains' test split,
 *                   then each target domain's), read once at the end; empty when the data has none
 * @param sweeps     the selected checkpoint on the test split under each missing-modality sweep
 * @param parameters scalar parameters per part of the model
 * @param labelAgreement per stateful objective that generates unimodal labels, their agreement with the data's
 *                   (see {@link LabelAgreement}); empty when there is none
 */
public record TrainingResult(Evaluation valid, Optional<Evaluation> test, Map<String, Evaluation> domainTests,
                             List<SweepResult> sweeps, TrainingState state,
                             Map<String, Long> parameters, double seconds,
                             Map<String, Map<String, Double>> labelAgreement) {

    public TrainingResult {
        domainTests = Collections.unmodifiableMap(new LinkedHashMap<>(domainTests));
        sweeps = List.copyOf(sweeps);
        labelAgreement = Map.copyOf(labelAgreement);
    }
}
