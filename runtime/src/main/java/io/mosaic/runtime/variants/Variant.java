package io.mosaic.runtime.variants;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An assembly with some keys set: one cell of a {@link Grid}, or an assembly as given.
 *
 * @param source   the assembly's name or YAML file, as given
 * @param label    what follows the assembly's name in the variant's name: {@code [lr=1e-3,heads=2]}, or empty
 * @param settings {@code key.path=value} overrides, laid over the command's {@code --set} ones
 */
public record Variant(String source, String label, List<String> settings) {
    /** The longest folder name a variant's name gives; longer ones are cut (and numbered if that makes two alike). */
    static final int MAX_FOLDER = 120;

    public Variant {
        settings = List.copyOf(settings);
    }

    /** The assembly {@code source} as it is. */
    public static Variant of(String source) {
        return new Variant(source, "", List.of());
    }

    /** {@code overrides} followed by this variant's settings, which win where both set a key. */
    public List<String> over(List<String> overrides) {
        List<String> all = new ArrayList<>(overrides);
        all.addAll(settings);
        return all;
    }

    /** Whether this variant sets keys of its own. */
    public boolean varied() {
        return !settings.isEmpty();
    }

    /** The variant's name, from its assembly's: {@code coral-ulgm[pairs=T-V/V+A]}. */
    public String name(String assembly) {
        return assembly + label;
    }

    /** How error messages name it before its assembly's name is known: its source and label. */
    public String describe() {
        return source + label;
    }

    /**
     * One folder name per name of {@code names}, in order: every character other than letters, digits and
     * {@code . _ - + = , [ ]} becomes {@code _} (so no {@code /}), at most {@value #MAX_FOLDER} characters, and
     * {@code -2}, {@code -3}, ... after a name that an earlier one already gave.
     */
    public static List<String> folders(List<String> names) {
        Set<String> taken = new HashSet<>();
        List<String> folders = new ArrayList<>();
        for (String name : names) {
            String safe = name.replaceAll("[^A-Za-z0-9._+=,\\[\\]-]", "_");
            String base = safe.length() > MAX_FOLDER ? safe.substring(0, MAX_FOLDER) : safe;
            String folder = base;
            for (int n = 2; !taken.add(folder); n++) {
                folder = base + "-" + n;
            }
            folders.add(folder);
        }
        return folders;
    }
}
