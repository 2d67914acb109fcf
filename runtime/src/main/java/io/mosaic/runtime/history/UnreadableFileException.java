package io.mosaic.runtime.history;

import java.nio.file.Path;

/** A file of a run folder that cannot be read as what it should hold; the message names the file and why. */
public final class UnreadableFileException extends RuntimeException {
    private final Path file;

    public UnreadableFileException(Path file, String why) {
        super(file + " " + why);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
