package io.mosaic.runtime.assembly.yaml;

/** A scalar: a {@link String}, {@link Long}, {@link Double}, {@link Boolean}, or {@code null}. */
public record YamlScalar(Object value, Origin origin) implements YamlNode {

    @Override
    public Object toPlain() {
        return value;
    }

    /** What this scalar is, quoting at most a short {@link Fragment} of a string. */
    @Override
    public String describe() {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof String text) {
            return kind() + " " + Fragment.quote(text);
        }
        if (value instanceof Double number && !Double.isFinite(number)) {
            return number.isNaN() ? "NaN" : number > 0 ? "infinity" : "minus infinity";
        }
        return kind() + " (" + value + ")";
    }

    @Override
    public String kind() {
        if (value == null) {
            return "nothing";
        }
        return value instanceof String ? "a string" : value instanceof Boolean ? "a boolean"
                : value instanceof Long ? "an integer" : "a number";
    }
}
