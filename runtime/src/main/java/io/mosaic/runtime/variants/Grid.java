package io.mosaic.runtime.variants;

import io.mosaic.runtime.assembly.yaml.Fragment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The cartesian product of the values of several {@code --vary} keys: one variant of each assembly per combination,
 * the first key's values varying slowest, so the first variant takes every key's first value.
 */
public record Grid(List<VariedKey> keys) {

    public Grid {
        keys = List.copyOf(keys);
    }

    /**
     * Reads the {@code --vary} options of a command that also gives {@code --set overrides}.
     *
     * @throws IllegalArgumentException when an option is malformed (see {@link VariedKey#parse}), two vary the same
     *                                  key, or one varies a key that a {@code --set} sets
     */
    public static Grid of(List<String> options, List<String> overrides) {
        List<VariedKey> keys = options.stream().map(VariedKey::parse).toList();
        Set<String> varied = new HashSet<>();
        for (VariedKey key : keys) {
            if (!varied.add(key.key())) {
                throw new IllegalArgumentException("--vary " + Fragment.of(key.key()) + " is given twice; give all "
                        + "its values in one --vary");
            }
        }
        for (String override : overrides) {
            String key = override.substring(0, Math.max(0, override.indexOf('='))).trim();
            if (varied.contains(key)) {
                throw new IllegalArgumentException("--set " + Fragment.of(key) + " and --vary " + Fragment.of(key)
                        + " set the same key; give its values in --vary alone");
            }
        }
        return new Grid(keys);
    }

    /** Whether no key is varied: every assembly is then one variant, as it is. */
    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /**
     * Every variant of every assembly of {@code sources}: the assemblies in order, each with every combination, so
     * the first is the first assembly with every key's first value.
     */
    public List<Variant> variants(List<String> sources) {
        List<List<String>> combinations = combinations();
        List<String> names = names();
        List<Variant> variants = new ArrayList<>();
        for (String source : sources) {
            for (List<String> values : combinations) {
                if (keys.isEmpty()) {
                    variants.add(Variant.of(source));
                    continue;
                }
                List<String> settings = new ArrayList<>();
                List<String> labels = new ArrayList<>();
                for (int k = 0; k < keys.size(); k++) {
                    settings.add(keys.get(k).setting(values.get(k)));
                    labels.add(names.get(k) + "=" + values.get(k));
                }
                variants.add(new Variant(source, "[" + String.join(",", labels) + "]", settings));
            }
        }
        return variants;
    }

    /** Every combination of one value per key; the first key's values vary slowest. */
    List<List<String>> combinations() {
        List<List<String>> combinations = List.of(List.of());
        for (VariedKey key : keys) {
            List<List<String>> longer = new ArrayList<>();
            for (List<String> combination : combinations) {
                for (String value : key.values()) {
                    List<String> next = new ArrayList<>(combination);
                    next.add(value);
                    longer.add(next);
                }
            }
            combinations = longer;
        }
        return combinations;
    }

    /**
     * How a variant's name calls each key: its last segment ({@code pairs} for {@code objectives.coral.pairs}), or
     * as many last segments as set it apart from the other keys ({@code text.0.hidden}, {@code audio.0.hidden}).
     */
    List<String> names() {
        List<List<String>> paths = keys.stream().map(key -> List.of(key.key().split("\\."))).toList();
        List<String> names = new ArrayList<>();
        for (int k = 0; k < paths.size(); k++) {
            int segments = 1;
            while (segments < paths.get(k).size() && clashes(k, segments, paths)) {
                segments++;
            }
            names.add(suffix(paths.get(k), segments));
        }
        return names;
    }

    /** Whether the last {@code segments} segments of path {@code k} end another path too. */
    private static boolean clashes(int k, int segments, List<List<String>> paths) {
        String own = suffix(paths.get(k), segments);
        for (int other = 0; other < paths.size(); other++) {
            List<String> path = paths.get(other);
            if (other != k && suffix(path, Math.min(segments, path.size())).equals(own)) {
                return true;
            }
        }
        return false;
    }

    private static String suffix(List<String> path, int segments) {
        return String.join(".", path.subList(path.size() - segments, path.size()));
    }
}
