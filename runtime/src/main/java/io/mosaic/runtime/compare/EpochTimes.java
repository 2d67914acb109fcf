package io.mosaic.runtime.compare;

import io.mosaic.runtime.metrics.Median;
import io.mosaic.runtime.run.EpochTable;
import io.mosaic.runtime.run.RunFolder;
import java.util.ArrayList;
import java.util.List;

/**
 * The training speed of an assembly over its runs' {@code epochs.csv}: the median seconds per epoch (robust to the
 * first epoch's warm-up) and the mean training throughput in samples per second.
 */
public record EpochTimes(double medianSecondsPerEpoch, double meanSamplesPerSecond) {

    private static final String SECONDS = "seconds";
    private static final String SAMPLES_PER_SECOND = "samples_per_second";

    /** The speed over every epoch of every run in {@code runs}. */
    public static EpochTimes of(List<RunFolder> runs) {
        List<Double> seconds = new ArrayList<>();
        List<Double> throughput = new ArrayList<>();
        for (RunFolder run : runs) {
            EpochTable epochs = EpochTable.of(run);
            seconds.addAll(epochs.numbers(SECONDS));
            throughput.addAll(epochs.numbers(SAMPLES_PER_SECOND));
        }
        return new EpochTimes(Median.of(seconds.stream().mapToDouble(Double::doubleValue).toArray()), throughput.stream().mapToDouble(Double::doubleValue).average()
                .orElseThrow(() -> new IllegalArgumentException("no epochs logged in " + runs)));
    }
}
