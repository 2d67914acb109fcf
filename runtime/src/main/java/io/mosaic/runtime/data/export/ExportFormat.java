package io.mosaic.runtime.data.export;

import java.nio.file.Path;
import java.util.Locale;

/** The file formats a dataset is written in, chosen by the file name's extension. */
public enum ExportFormat {
    /** An MMSA feature pickle, as MMSA's {@code unaligned_50.pkl}: {@code source: mmsa} reads it. */
    PICKLE(".pkl", "MMSA pickle (protocol 4)"),
    /** An npz export of the same layout, arrays named {@code <split>_<key>}: {@code source: npz} reads it. */
    NPZ(".npz", "npz (MMSA layout, <split>_<key> arrays)");

    private final String extension;
    private final String description;

    ExportFormat(String extension, String description) {
        this.extension = extension;
        this.description = description;
    }

    /** @throws IllegalArgumentException when the file name ends neither in .pkl nor in .npz */
    public static ExportFormat of(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (ExportFormat format : values()) {
            if (name.endsWith(format.extension)) {
                return format;
            }
        }
        throw new IllegalArgumentException(file + ": expected a file name ending in .pkl (MMSA pickle) or .npz");
    }

    public String description() {
        return description;
    }

    FormatWriter writer() {
        return this == PICKLE ? new PickleWriter() : new NpzWriter();
    }
}
