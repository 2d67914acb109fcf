package io.mosaic.api.component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The typed parameters of a component, in declaration order. Build one with {@link #builder()}. */
public final class ParameterSchema {

    /** The schema of a component without parameters. */
    public static final ParameterSchema EMPTY = new ParameterSchema(List.of());

    private final Map<String, ParameterSpec> specs = new LinkedHashMap<>();

    private ParameterSchema(List<ParameterSpec> specs) {
        for (ParameterSpec spec : specs) {
            if (this.specs.put(spec.name(), spec) != null) {
                throw new IllegalArgumentException("parameter '" + spec.name() + "' is declared twice");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<ParameterSpec> specs() {
        return List.copyOf(specs.values());
    }

    public Optional<ParameterSpec> find(String name) {
        return Optional.ofNullable(specs.get(name));
    }

    /** Collects parameter declarations. Numeric bounds are inclusive; {@code null} means unbounded. */
    public static final class Builder {
        private final List<ParameterSpec> specs = new ArrayList<>();

        public Builder integer(String name, Integer defaultValue, Integer min, Integer max, String description) {
            return add(new ParameterSpec(name, ParameterType.INTEGER, defaultValue, toDouble(min), toDouble(max),
                    List.of(), description));
        }

        public Builder real(String name, Double defaultValue, Double min, Double max, String description) {
            return add(new ParameterSpec(name, ParameterType.REAL, defaultValue, min, max, List.of(), description));
        }

        public Builder bool(String name, Boolean defaultValue, String description) {
            return add(new ParameterSpec(name, ParameterType.BOOLEAN, defaultValue, null, null, List.of(),
                    description));
        }

        public Builder string(String name, String defaultValue, String description) {
            return add(new ParameterSpec(name, ParameterType.STRING, defaultValue, null, null, List.of(),
                    description));
        }

        /** A string restricted to {@code choices}. */
        public Builder choice(String name, String defaultValue, List<String> choices, String description) {
            return add(new ParameterSpec(name, ParameterType.STRING, defaultValue, null, null, choices,
                    description));
        }

        public Builder integers(String name, List<Integer> defaultValue, Integer min, Integer max,
                                String description) {
            return add(new ParameterSpec(name, ParameterType.INTEGER_LIST, defaultValue, toDouble(min),
                    toDouble(max), List.of(), description));
        }

        public Builder reals(String name, List<Double> defaultValue, Double min, Double max, String description) {
            return add(new ParameterSpec(name, ParameterType.REAL_LIST, defaultValue, min, max, List.of(),
                    description));
        }

        public Builder strings(String name, List<String> defaultValue, String description, String... choices) {
            return add(new ParameterSpec(name, ParameterType.STRING_LIST, defaultValue, null, null,
                    Arrays.asList(choices), description));
        }

        public Builder add(ParameterSpec spec) {
            specs.add(spec);
            return this;
        }

        public ParameterSchema build() {
            return new ParameterSchema(specs);
        }

        private static Double toDouble(Integer value) {
            return value == null ? null : value.doubleValue();
        }
    }
}
