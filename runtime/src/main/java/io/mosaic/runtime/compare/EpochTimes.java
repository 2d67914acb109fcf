package io.mosaic.runtime.compare;

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
        return new EpochTimes(median(seconds), throughput.stream().mapToDouble(Double::doubleValue).average()
                .orElseThrow(() -> new IllegalArgumentException("no epochs logged in " + runs)));
    }

    /** The middle value of {@code values}, or the mean of the two middle values when their number is even. */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a median needs at least one value");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
