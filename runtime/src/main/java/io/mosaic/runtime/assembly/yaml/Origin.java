package io.mosaic.runtime.assembly.yaml;

/** Where a value came from: a file (or bundle entry) and a 1-based line, or line 0 for the whole file. */
public record Origin(String source, int line) {

    @Override
    public String toString() {
        return line > 0 ? source + ":" + line : source;
    }
}
