package io.mosaic.runtime.report;

/**
 * One row of {@code predictions.csv}: the selected checkpoint's prediction for one sample of one split.
 *
 * @param sweep         the sweep protocol the test split was corrupted with, or empty for the clean split
 * @param level         the sweep's level (missing rate, or noise σ), {@code NaN} for the clean split
 * @param label         the sample's target: its score (regression) or class id
 * @param prediction    the predicted score (regression) or class id
 * @param probabilities each class's probability for a class task; empty for regression
 */
public record Prediction(String sampleId, String split, String sweep, double level, int domain, double label,
                         double prediction, double[] probabilities) {

    /** Whether this is a prediction on the clean split (not under a sweep). */
    public boolean clean() {
        return sweep.isEmpty();
    }
}
