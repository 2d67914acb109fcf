package io.mosaic.runtime.run;

import java.util.regex.Pattern;

/** The files of a seed group's folder, which the run service writes and the listing, reports and comparisons read. */
public final class GroupFiles {
    /** The summary of a seed group: its seeds' metrics as mean ± std. */
    public static final String SEED_SUMMARY_JSON = "summary.json";
    public static final String SEED_SUMMARY_CSV = "summary.csv";
    /** The variants of a seed group run with {@code --vary}, and their metrics side by side. */
    public static final String VARIANTS_JSON = "variants.json";
    public static final String VARIANTS_CSV = "variants.csv";
    /** The run folder of one seed of a group, {@code seed-<s>}; group 1 is the seed. */
    public static final Pattern SEED_FOLDER = Pattern.compile("seed-(-?\\d{1,19})");

    private GroupFiles() {
    }

    /** The name of the run folder of {@code seed} in its group. */
    public static String seedFolder(long seed) {
        return "seed-" + seed;
    }
}
