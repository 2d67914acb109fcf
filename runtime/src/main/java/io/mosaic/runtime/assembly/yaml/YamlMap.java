package io.mosaic.runtime.assembly.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
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

    /**
     * Whether two maps may merge key by key: not when both are component entries naming different components (a
     * child that swaps {@code use: gru} for {@code use: lstm} must not inherit the GRU's parameters).
     */
    private static boolean sameComponent(YamlMap base, YamlMap overlay) {
        YamlNode baseUse = base.entries.get("use");
        YamlNode overlayUse = overlay.entries.get("use");
        return baseUse == null || overlayUse == null || Objects.equals(baseUse.toPlain(), overlayUse.toPlain());
    }

    @Override
    public Object toPlain() {
        Map<String, Object> plain = new LinkedHashMap<>();
        entries.forEach((k, v) -> plain.put(k, v.toPlain()));
        return plain;
    }

    @Override
    public String describe() {
        return "a mapping";
    }

    /**
     * {@code overlay} laid over this map: keys of both are merged recursively where both values are maps (unless
     * they are component entries that name different components), otherwise the overlay's value wins (lists are
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
