package io.mosaic.runtime.train;

import io.mosaic.runtime.metrics.Median;
import java.util.Arrays;

/**
 * Timings of a benchmark ({@link Trainer#benchmark}).
 *
 * @param batch               samples per training step
 * @param stepSeconds         the wall time of each timed training step
 * @param evaluationSamples   the validation split's size
 * @param evaluationSeconds   the wall time of each evaluation of the validation split, in the order they ran
 * @param parameters          the model's trained parameters
 * @param peakResidentMegabytes the process's peak resident memory at the end, in MiB
 */
public record BenchResult(int batch, double[] stepSeconds, int evaluationSamples, double[] evaluationSeconds,
                          long parameters, double peakResidentMegabytes) {

    public BenchResult {
        if (stepSeconds.length == 0 || evaluationSeconds.length == 0) {
            throw new IllegalArgumentException("a benchmark times at least one step and one evaluation, got "
                    + stepSeconds.length + " and " + evaluationSeconds.length);
        }
    }

    public double meanStepSeconds() {
        return Arrays.stream(stepSeconds).average().orElseThrow();
    }

    public double medianStepSeconds() {
        return Median.of(stepSeconds);
    }

    /** Training samples per second at the median step time. */
    public double trainingSamplesPerSecond() {
        return batch / medianStepSeconds();
    }

    /** The median evaluation time: robust to the odd evaluation slowed by the rest of the machine. */
    public double medianEvaluationSeconds() {
        return Median.of(evaluationSeconds);
    }

    public double firstEvaluationSeconds() {
        return evaluationSeconds[0];
    }

    /** Validation samples per second at the median evaluation time. */
    public double evaluationSamplesPerSecond() {
        return evaluationSamples / medianEvaluationSeconds();
    }
}
