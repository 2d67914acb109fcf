package io.mosaic.runtime.compare.report;

import io.mosaic.runtime.assembly.yaml.YamlList;
import io.mosaic.runtime.assembly.yaml.YamlMap;
import io.mosaic.runtime.assembly.yaml.YamlNode;
import io.mosaic.runtime.assembly.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where the compared assemblies' resolved settings differ: each resolved assembly flattened to one line per setting
 * ({@code components.head[0].hidden[0]: 128}), and one row per key whose value is not the same in every assembly.
 *
 * @param rows the differing keys, in the order they first appear (the first assembly's, then the next's new keys)
 */
record SettingsDiff(List<Row> rows) {

    /** A key and its value in each assembly, in the comparison's order; {@code null} where an assembly lacks it. */
    record Row(String key, List<String> values) {
    }

    SettingsDiff {
        rows = List.copyOf(rows);
    }

    /**
     * The diff of {@code settings}, one flattened assembly each (see {@link #flatten}); an assembly whose settings
     * are unknown (empty) has no column's worth to compare and is left out of every row's decision, its cells
     * {@code null}.
     */
    static SettingsDiff of(List<Optional<Map<String, String>>> settings) {
        Set<String> keys = new LinkedHashSet<>();
        settings.forEach(s -> s.ifPresent(map -> keys.addAll(map.keySet())));
        List<Row> rows = new ArrayList<>();
        for (String key : keys) {
            List<String> values = settings.stream().map(s -> s.map(map -> map.get(key)).orElse(null)).toList();
            long distinct = settings.stream().filter(Optional::isPresent).map(s -> s.get().get(key)).distinct()
                    .count();
            if (distinct > 1) {
                rows.add(new Row(key, new ArrayList<>(values)));
            }
        }
        return new SettingsDiff(rows);
    }

    /**
     * {@code root} as one entry per setting, in the file's order: a mapping's keys joined by {@code .}, a list's
     * items by {@code [i]}; an empty mapping or list is a setting of its own, {@code {}} or {@code []}.
     */
    static Map<String, String> flatten(YamlNode root) {
        Map<String, String> settings = new LinkedHashMap<>();
        flatten("", root, settings);
        return settings;
    }

    private static void flatten(String key, YamlNode node, Map<String, String> settings) {
        if (node instanceof YamlMap map && !map.entries().isEmpty()) {
            map.entries().forEach((name, value) -> flatten(key.isEmpty() ? name : key + "." + name, value, settings));
        } else if (node instanceof YamlList list && !list.items().isEmpty()) {
            for (int i = 0; i < list.items().size(); i++) {
                flatten(key + "[" + i + "]", list.items().get(i), settings);
            }
        } else if (node instanceof YamlScalar scalar) {
            settings.put(key, Objects.toString(scalar.value()));
        } else {
            settings.put(key, node instanceof YamlMap ? "{}" : "[]");
        }
    }
}
