package io.mosaic.api.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The value types a component parameter can have, and how an assembly's value is read as each. */
public enum ParameterType {
    INTEGER("an integer"),
    REAL("a number"),
    BOOLEAN("true or false"),
    STRING("a string"),
    INTEGER_LIST("a list of integers"),
    REAL_LIST("a list of numbers"),
    STRING_LIST("a list of strings");

    /** The most characters of a value an error message quotes. */
    private static final int FRAGMENT = 40;

    private final String expected;

    ParameterType(String expected) {
        this.expected = expected;
    }

    /** How an error message describes a valid value of this type. */
    public String expected() {
        return expected;
    }

    /** The lower-case name shown to users ({@code integer-list}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Reads {@code raw} (as parsed from YAML: numbers, booleans, strings, lists) as a value of this type.
     *
     * @return an {@link Integer}, {@link Double}, {@link Boolean}, {@link String} or an unmodifiable list of those
     * @throws IllegalArgumentException when {@code raw} is not of this type; the message says what was expected
     */
    public Object coerce(Object raw) {
        return switch (this) {
            case INTEGER -> integer(raw);
            case REAL -> real(raw);
            case BOOLEAN -> {
                if (raw instanceof Boolean b) {
                    yield b;
                }
                throw mismatch(raw);
            }
            case STRING -> {
                if (raw instanceof String s) {
                    yield s;
                }
                throw mismatch(raw);
            }
            case INTEGER_LIST -> list(raw, INTEGER);
            case REAL_LIST -> list(raw, REAL);
            case STRING_LIST -> list(raw, STRING);
        };
    }

    private Integer integer(Object raw) {
        if (raw instanceof Integer i) {
            return i;
        }
        if (raw instanceof Long l) {
            if (l == l.intValue()) {
                return l.intValue();
            }
            throw new IllegalArgumentException("expected " + expected + " within [" + Integer.MIN_VALUE + ", "
                    + Integer.MAX_VALUE + "], found " + l);
        }
        throw mismatch(raw);
    }

    private Double real(Object raw) {
        if (raw instanceof Double d && !Double.isFinite(d)) {
            throw new IllegalArgumentException("expected a finite number, found " + (d.isNaN() ? "NaN"
                    : d > 0 ? "infinity" : "minus infinity"));
        }
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        throw mismatch(raw);
    }

    private List<Object> list(Object raw, ParameterType element) {
        if (!(raw instanceof List<?> values)) {
            throw mismatch(raw);
        }
        List<Object> out = new ArrayList<>(values.size());
        for (Object value : values) {
            try {
                out.add(element.coerce(value));
            } catch (IllegalArgumentException e) {
                throw mismatch(raw);
            }
        }
        return List.copyOf(out);
    }

    private IllegalArgumentException mismatch(Object raw) {
        String found = raw == null ? "nothing" : describe(raw);
        return new IllegalArgumentException("expected " + expected + ", found " + found);
    }

    private static String describe(Object raw) {
        String kind;
        if (raw instanceof Boolean) {
            kind = "a boolean";
        } else if (raw instanceof Integer || raw instanceof Long) {
            kind = "an integer";
        } else if (raw instanceof Number) {
            kind = "a number";
        } else if (raw instanceof String) {
            kind = "a string";
        } else if (raw instanceof List) {
            kind = "a list";
        } else {
            kind = "a mapping";
        }
        return kind + " (" + fragment(String.valueOf(raw)) + ")";
    }

    /**
     * At most {@value #FRAGMENT} characters of {@code text}, control characters escaped: an error quotes a short
     * fragment of a value, never the whole of it (the runtime's assembly messages quote the same way).
     */
    static String fragment(String text) {
        StringBuilder out = new StringBuilder();
        int index = 0;
        for (int count = 0; index < text.length() && count < FRAGMENT; count++) {
            int codePoint = text.codePointAt(index);
            switch (codePoint) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.FORMAT) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", codePoint));
                    } else {
                        out.appendCodePoint(codePoint);
                    }
                }
            }
            index += Character.charCount(codePoint);
        }
        return index < text.length() ? out.append('…').toString() : out.toString();
    }
}
