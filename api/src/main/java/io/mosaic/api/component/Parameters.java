package io.mosaic.api.component;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated parameter values of one component: every parameter of its schema has a value of its type, either
 * set by the assembly or taken from the default.
 */
public final class Parameters {
    private final Map<String, Object> values;

    private Parameters(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Checks {@code raw} against {@code schema} and fills in defaults.
     *
     * @throws ParameterException naming the first parameter that is unknown, missing, of the wrong type or out of
     *                            range
     */
    public static Parameters of(ParameterSchema schema, Map<String, ?> raw) {
        for (String name : raw.keySet()) {
            if (schema.find(name).isEmpty()) {
                throw new ParameterException(name, "unknown parameter; known: " + known(schema));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParameterSpec spec : schema.specs()) {
            Object value = raw.get(spec.name());
            if (value == null) {
                if (spec.required()) {
                    throw new ParameterException(spec.name(), "required, " + spec.type().expected());
                }
                value = spec.defaultValue();
            } else {
                try {
                    value = spec.accept(value);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.name(), e.getMessage());
                }
            }
            values.put(spec.name(), value);
        }
        return new Parameters(values);
    }

    /** The defaults of {@code schema}, for example to build a component in a unit test. */
    public static Parameters defaults(ParameterSchema schema) {
        return of(schema, Map.of());
    }

    /** A copy with {@code name} set to {@code value}, checked against {@code schema}. */
    public Parameters with(ParameterSchema schema, String name, Object value) {
        Map<String, Object> raw = new LinkedHashMap<>(values);
        raw.put(name, value);
        return of(schema, raw);
    }

    public int integer(String name) {
        return (Integer) get(name);
    }

    public double real(String name) {
        return (Double) get(name);
    }

    public boolean bool(String name) {
        return (Boolean) get(name);
    }

    public String string(String name) {
        return (String) get(name);
    }

    @SuppressWarnings("unchecked")
    public List<Integer> integers(String name) {
        return (List<Integer>) get(name);
    }

    @SuppressWarnings("unchecked")
    public List<Double> reals(String name) {
        return (List<Double>) get(name);
    }

    @SuppressWarnings("unchecked")
    public List<String> strings(String name) {
        return (List<String>) get(name);
    }

    /** Every value, in schema order. */
    public Map<String, Object> asMap() {
        return values;
    }

    private Object get(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'; known: " + values.keySet());
        }
        return value;
    }

    private static String known(ParameterSchema schema) {
        List<String> names = schema.specs().stream().map(ParameterSpec::name).toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
