package io.mosaic.runtime.assembly.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A mapping with string keys, in the order written. */
public record YamlMap(Map<String, YamlNode> entries, Origin origin) implements YamlNode {

    public YamlMap {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public Optional<YamlNode> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The keys that say what a block is: a component ({@code use}) or a data source ({@code source}). */
    private static final List<String> IDENTITY_KEYS = List.of("use", "source");

    /**
     * Whether two maps may merge key by key: not when they name different things under the same identity key (a
     * child that swaps {@code use: gru} for {@code use: lstm}, or {@code source: testbed} for {@code source: mmsa},
     * must not inherit the parameters of what it replaced).
     */
    private static boolean sameComponent(YamlMap base, YamlMap overlay) {
        for (String key : IDENTITY_KEYS) {
            YamlNode baseValue = base.entries.get(key);
            YamlNode overlayValue = overlay.entries.get(key);
            if (baseValue != null && overlayValue != null
                    && !Objects.equals(baseValue.toPlain(), overlayValue.toPlain())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@link #mergedWith} merges {@code overlay} into this map key by key, rather than replacing this map
     * with it: not when the two name different components or data sources.
     */
    public boolean mergesWith(YamlMap overlay) {
        return sameComponent(this, overlay);
    }

    @Override
    public Object toPlain() {
        Map<String, Object> plain = new LinkedHashMap<>();
        entries.forEach((k, v) -> plain.put(k, v.toPlain()));
        return plain;
    }

    @Override
    public String describe() {
        return kind();
    }

    @Override
    public String kind() {
        return "a mapping";
    }

    /**
     * {@code overlay} laid over this map: keys of both are merged recursively where both values are maps (unless
     * they name different components or data sources), otherwise the overlay's value wins (lists are
     * replaced, not appended).
     */
    public YamlMap mergedWith(YamlMap overlay) {
        Map<String, YamlNode> merged = new LinkedHashMap<>(entries);
        overlay.entries.forEach((key, value) -> merged.merge(key, value,
                (base, over) -> base instanceof YamlMap b && over instanceof YamlMap o && sameComponent(b, o)
                        ? b.mergedWith(o) : over));
        return new YamlMap(merged, overlay.origin);
    }
}
