package io.mosaic.runtime.train;

import java.util.Arrays;

/**
 * Timings of a benchmark ({@link Trainer#benchmark}).
 *
 * @param batch               samples per training step
 * @param stepSeconds         the wall time of each timed training step
 * @param evaluationSamples   the validation split's size
 * @param evaluationSeconds   the wall time of one evaluation of the validation split
 * @param parameters          the model's trained parameters
 * @param peakResidentMegabytes the process's peak resident memory at the end, in MiB
 */
public record BenchResult(int batch, double[] stepSeconds, int evaluationSamples, double evaluationSeconds,
                          long parameters, double peakResidentMegabytes) {

    public double meanStepSeconds() {
        return Arrays.stream(stepSeconds).average().orElseThrow();
    }

    public double medianStepSeconds() {
        double[] sorted = stepSeconds.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Training samples per second at the median step time. */
    public double trainingSamplesPerSecond() {
        return batch / medianStepSeconds();
    }

    public double evaluationSamplesPerSecond() {
        return evaluationSamples / evaluationSeconds;
    }
}
