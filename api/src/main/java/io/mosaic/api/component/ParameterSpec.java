package io.mosaic.api.component;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One parameter of a component: its name, type, default, allowed range or choices, and a description.
 *
 * @param name         the key an assembly uses
 * @param type         the value type
 * @param defaultValue the value used when the assembly does not set it, already of {@code type}; {@code null} when
 *                     the parameter is required
 * @param min          inclusive lower bound for numbers and for every element of number lists, or {@code null}
 * @param max          inclusive upper bound, or {@code null}
 * @param choices      the allowed values of a string (or of each element of a string list); empty for any
 * @param description  one sentence for {@code mosaic components}
 */
public record ParameterSpec(String name, ParameterType type, Object defaultValue, Double min, Double max,
                            List<String> choices, String description) {

    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        choices = List.copyOf(choices);
        Objects.requireNonNull(description, "description");
        if (defaultValue != null) {
            defaultValue = type.coerce(defaultValue);
            String problem = problemWith(defaultValue, min, max, choices, rangeText(type, min, max));
            if (problem != null) {
                throw new IllegalArgumentException("default of parameter '" + name + "' " + problem);
            }
        }
    }

    /** Whether an assembly must set this parameter. */
    public boolean required() {
        return defaultValue == null;
    }

    /**
     * Reads an assembly's value as this parameter's type and checks its range and choices.
     *
     * @throws IllegalArgumentException with a message that says what was expected
     */
    public Object accept(Object raw) {
        Object value = type.coerce(raw);
        String problem = problemWith(value, min, max, choices, rangeText(type, min, max));
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return value;
    }

    /** The allowed range or choices in words, e.g. {@code [1, 4096]} or {@code one of mean, last}. */
    public Optional<String> constraint() {
        if (!choices.isEmpty()) {
            return Optional.of("one of " + String.join(", ", choices));
        }
        if (min == null && max == null) {
            return Optional.empty();
        }
        return Optional.of(rangeText(type, min, max));
    }

    private static String rangeText(ParameterType type, Double min, Double max) {
        return "[" + bound(type, min, "-inf") + ", " + bound(type, max, "inf") + "]";
    }

    private static String bound(ParameterType type, Double value, String none) {
        if (value == null) {
            return none;
        }
        boolean integral = type == ParameterType.INTEGER || type == ParameterType.INTEGER_LIST;
        return integral ? Long.toString(value.longValue()) : value.toString();
    }

    private static String problemWith(Object value, Double min, Double max, List<String> choices, String range) {
        if (value instanceof List<?> list) {
            for (Object element : list) {
                String problem = problemWith(element, min, max, choices, range);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
        if (value instanceof Number number) {
            double v = number.doubleValue();
            if ((min != null && v < min) || (max != null && v > max)) {
                return "value " + value + " is out of range " + range;
            }
        }
        if (value instanceof String s && !choices.isEmpty() && !choices.contains(s)) {
            return "value '" + ParameterType.fragment(s) + "' is not one of " + String.join(", ", choices);
        }
        return null;
    }
}
