package io.mosaic.runtime.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable, ordered set of metric values at full precision (no display rounding). A value may be NaN where a
 * metric is undefined for the data, e.g. the Non0 metrics when every target is 0.
 */
public final class MetricSet {

    private final Map<Metric, Double> values;

    private MetricSet(Map<Metric, Double> values) {
        this.values = values;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The value of {@code metric}; an {@link IllegalArgumentException} naming the present metrics if absent. */
    public double get(Metric metric) {
        Double value = values.get(metric);
        if (value == null) {
            throw new IllegalArgumentException("metric " + metric + " is not in this set, which has " + metrics());
        }
        return value;
    }

    /** The value of the metric with this id (see {@link Metric#fromId}). */
    public double get(String id) {
        return get(Metric.fromId(id));
    }

    public boolean contains(Metric metric) {
        return values.containsKey(metric);
    }

    /** The metrics in the order they were added. */
    public List<Metric> metrics() {
        return List.copyOf(values.keySet());
    }

    /** Metric id to value, in order. */
    public Map<String, Double> asMap() {
        Map<String, Double> byId = new LinkedHashMap<>();
        values.forEach((metric, value) -> byId.put(metric.id(), value));
        return Collections.unmodifiableMap(byId);
    }

    /** Equal when both hold the same metrics in the same order with equal values (NaN equals NaN). */
    @Override
    public boolean equals(Object other) {
        return other instanceof MetricSet that && metrics().equals(that.metrics()) && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return asMap().toString();
    }

    /** Collects values in order; each metric at most once. */
    public static final class Builder {

        private final Map<Metric, Double> values = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder put(Metric metric, double value) {
            Objects.requireNonNull(metric, "metric");
            if (values.containsKey(metric)) {
                throw new IllegalArgumentException("metric " + metric + " is already set to " + values.get(metric));
            }
            values.put(metric, value);
            return this;
        }

        public Builder putAll(MetricSet other) {
            other.values.forEach(this::put);
            return this;
        }

        public MetricSet build() {
            return new MetricSet(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
        }
    }
}
