package io.mosaic.runtime.assembly;

/**
 * The text of an assembly and where it came from.
 *
 * @param name   the name it is found by ({@code baseline}), or the file name without extension
 * @param source a file path or {@code bundle:<symbolic name>/<entry>}, as messages name it
 */
public record AssemblyText(String name, String source, String text) {
}
