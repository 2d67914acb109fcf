package io.mosaic.runtime.assembly.yaml;

/** A YAML value that remembers where it was written. */
public sealed interface YamlNode permits YamlMap, YamlList, YamlScalar {

    /** Where it was written: for a mapping's value the line of its key, else the line it starts on. */
    Origin origin();

    /** The value as plain Java: maps, lists, strings, numbers, booleans, or {@code null}. */
    Object toPlain();

    /** What this node is, in words, for error messages ({@code a mapping}, {@code a list}, {@code a string}). */
    String describe();

    /** What kind of value this is ({@code a mapping}, {@code a list}, {@code a string}), without any of it. */
    String kind();
}
