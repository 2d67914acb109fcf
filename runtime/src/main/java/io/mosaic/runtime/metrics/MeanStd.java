package io.mosaic.runtime.metrics;

import java.util.List;

/**
 * A metric over several seeds: its mean and population standard deviation (numpy's {@code std}, ddof = 0, as MMSA
 * reports results over seeds).
 */
public record MeanStd(double mean, double std, int n) {

    public static MeanStd of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a mean needs at least one value");
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        return new MeanStd(mean, Math.sqrt(squares / values.size()), values.size());
    }
}
