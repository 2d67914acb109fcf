package io.mosaic.runtime.compare;

import io.mosaic.runtime.metrics.MeanStd;
import java.util.List;

/**
 * One number of an assembly over its seeds: the mean, the population standard deviation (as {@link MeanStd}) and
 * the value of every seed, in seed order.
 */
public record OverSeeds(double mean, double std, List<Double> values) {

    public OverSeeds {
        values = List.copyOf(values);
    }

    public static OverSeeds of(List<Double> values) {
        MeanStd summary = MeanStd.of(values);
        return new OverSeeds(summary.mean(), summary.std(), values);
    }
}
