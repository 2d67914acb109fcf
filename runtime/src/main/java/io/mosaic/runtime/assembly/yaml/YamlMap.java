package io.mosaic.runtime.assembly.yaml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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
     * {@code overlay} laid over this map: keys of both are merged recursively where both values are maps, otherwise
     * the overlay's value wins (lists are replaced, not appended).
     */
    public YamlMap mergedWith(YamlMap overlay) {
        Map<String, YamlNode> merged = new LinkedHashMap<>(entries);
        overlay.entries.forEach((key, value) -> merged.merge(key, value,
                (base, over) -> base instanceof YamlMap b && over instanceof YamlMap o ? b.mergedWith(o) : over));
        return new YamlMap(merged, overlay.origin);
    }
}
