package io.mosaic.runtime.run;

/** The files of a seed group's folder, which the run service writes and the listing, reports and comparisons read. */
public final class GroupFiles {
    /** The summary of a seed group: its seeds' metrics as mean ± std. */
    public static final String SEED_SUMMARY_JSON = "summary.json";
    public static final String SEED_SUMMARY_CSV = "summary.csv";
    /** The variants of a seed group run with {@code --vary}, and their metrics side by side. */
    public static final String VARIANTS_JSON = "variants.json";
    public static final String VARIANTS_CSV = "variants.csv";

    private GroupFiles() {
    }
}
