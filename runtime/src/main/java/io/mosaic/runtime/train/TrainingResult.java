package io.mosaic.runtime.train;

import java.util.Map;

/**
 * What a finished training run reports.
 *
 * @param valid      the selected checkpoint on the validation split
 * @param test       the selected checkpoint on the test split, read once at the end
 * @param parameters scalar parameters per part of the model
 */
public record TrainingResult(Evaluation valid, Evaluation test, TrainingState state, Map<String, Long> parameters,
                             double seconds) {
}
