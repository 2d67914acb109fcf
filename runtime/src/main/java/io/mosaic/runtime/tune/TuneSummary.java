package io.mosaic.runtime.tune;

import java.util.List;
import java.util.Map;

/**
 * A search's results, {@code trials.json}: every trial, ranked by the validation split alone, and the best trial's
 * selected checkpoint evaluated on the test split once, after the selection.
 *
 * @param metric     the selection metric, read on the validation split
 * @param direction  {@code higher} or {@code lower}: which way {@code metric} improves
 * @param earlyStop  {@code none} or {@code median}
 * @param bestTrial  the trial with the best validation score (the earliest of equals); 0 when none completed
 * @param test       the best trial's test metrics, evaluated once after the selection; empty before
 * @param domainTests the best trial's metrics on each domain test split of the data, evaluated with {@code test}
 */
public record TuneSummary(String assembly, String space, String metric, String direction, String sampler, long seed,
                          String earlyStop, int trialsPlanned, List<TrialRecord> trials, int bestTrial,
                          Map<String, Double> valid, Map<String, Double> test,
                          Map<String, Map<String, Double>> domainTests, double seconds) {
    /** How {@code best.json} and the report label the test metrics. */
    public static final String TEST_NOTE = "evaluated once, after selection on the validation split";

    public TuneSummary {
        trials = List.copyOf(trials);
    }
}
