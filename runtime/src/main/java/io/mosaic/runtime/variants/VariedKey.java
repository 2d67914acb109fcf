package io.mosaic.runtime.variants;

import io.mosaic.runtime.assembly.yaml.Fragment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One {@code --vary key.path=v1,v2,...}: an assembly key and the values it takes, in the order given. Values are
 * separated by commas outside brackets, braces and quotes, so a list or mapping is one value:
 * {@code data.train-domains=[0,1],[0,1,2]} gives two.
 *
 * @param key    the dotted key path, addressed as {@code --set} addresses it
 * @param values each value as typed (trimmed), read as YAML when it is set
 */
public record VariedKey(String key, List<String> values) {
    /** Keys every variant must share: the seeds come from {@code --seeds}, and every variant reads the same data. */
    private static final Set<String> FIXED = Set.of("seed", "data.seed");
    private static final String EXAMPLE = "e.g. train.optimizer.lr=1e-3,3e-3";

    public VariedKey {
        values = List.copyOf(values);
    }

    /**
     * Reads one {@code --vary} option.
     *
     * @throws IllegalArgumentException naming the option and what is wrong: no {@code =}, an empty key segment, no
     *                                  value or an empty one, unbalanced brackets or quotes, a value given twice, or
     *                                  a key that every variant must share
     */
    public static VariedKey parse(String option) {
        String where = "--vary " + Fragment.bounded(option);
        int eq = option.indexOf('=');
        String key = eq < 0 ? "" : option.substring(0, eq).trim();
        if (eq < 0 || key.isEmpty() || List.of(key.split("\\.", -1)).stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException(where + ": expected key.path=value,value,..., " + EXAMPLE);
        }
        if (FIXED.contains(key)) {
            throw new IllegalArgumentException(where + ": every variant trains with the same seeds (--seeds) on the "
                    + "same data; vary another key");
        }
        List<String> values = split(option.substring(eq + 1), where);
        Set<String> seen = new HashSet<>();
        for (String value : values) {
            if (value.isEmpty()) {
                throw new IllegalArgumentException(where + ": expected a value between every two commas and at "
                        + "both ends, " + EXAMPLE);
            }
            if (!seen.add(value)) {
                throw new IllegalArgumentException(where + ": the value " + Fragment.quote(value) + " is given "
                        + "twice; each value is one variant");
            }
        }
        return new VariedKey(key, values);
    }

    /** The trimmed values of {@code text}, split at the commas outside brackets, braces and quotes. */
    private static List<String> split(String text, String where) {
        List<String> values = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        int depth = 0;
        char quote = 0;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                values.add(value.toString().trim());
                value.setLength(0);
                continue;
            }
            if (depth < 0) {
                break;
            }
            value.append(c);
        }
        if (depth != 0 || quote != 0) {
            throw new IllegalArgumentException(where + ": unbalanced " + (quote != 0 ? "quotes" : "brackets")
                    + "; a value with commas is one list [a,b], mapping {k: v} or quoted string");
        }
        values.add(value.toString().trim());
        return values;
    }

    /** The option that sets the key to {@code value}, as {@code --set} takes it. */
    String setting(String value) {
        return key + "=" + value;
    }
}
