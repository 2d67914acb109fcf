package io.mosaic.runtime.assembly.yaml;

/** A scalar: a {@link String}, {@link Long}, {@link Double}, {@link Boolean}, or {@code null}. */
public record YamlScalar(Object value, Origin origin) implements YamlNode {

    @Override
    public Object toPlain() {
        return value;
    }

    @Override
    public String describe() {
        if (value == null) {
            return "nothing";
        }
        String kind = value instanceof String ? "a string" : value instanceof Boolean ? "a boolean"
                : value instanceof Long ? "an integer" : "a number";
        return kind + " (" + value + ")";
    }
}
