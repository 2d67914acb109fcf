package io.mosaic.runtime.assembly.yaml;

import java.util.List;

/** A sequence. */
public record YamlList(List<YamlNode> items, Origin origin) implements YamlNode {

    public YamlList {
        items = List.copyOf(items);
    }

    @Override
    public Object toPlain() {
        return items.stream().map(YamlNode::toPlain).toList();
    }

    @Override
    public String describe() {
        return kind();
    }

    @Override
    public String kind() {
        return "a list";
    }
}
