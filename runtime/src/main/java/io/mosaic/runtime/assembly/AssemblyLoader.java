package io.mosaic.runtime.assembly;

import io.mosaic.runtime.assembly.yaml.Fragment;
import io.mosaic.runtime.assembly.yaml.Origin;
import io.mosaic.runtime.assembly.yaml.YamlList;
import io.mosaic.runtime.assembly.yaml.YamlMap;
import io.mosaic.runtime.assembly.yaml.YamlNode;
import io.mosaic.runtime.assembly.yaml.YamlReader;
import io.mosaic.runtime.assembly.yaml.YamlScalar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads an assembly: its YAML, the assemblies it {@code extends:} (merged underneath it, key by key), and
 * command-line overrides such as {@code train.epochs=3} or {@code objectives.l1.weight=0.5} (merged on top).
 */
public final class AssemblyLoader {
    /** How a problem of an override names it: {@code --set train.epochs=abc}. */
    private static final String SET = "--set ";

    private final Function<String, AssemblyText> lookup;

    /** @param lookup finds an assembly by the name an {@code extends:} gives */
    public AssemblyLoader(Function<String, AssemblyText> lookup) {
        this.lookup = lookup;
    }

    public Assembly load(AssemblyText text) {
        return load(text, List.of());
    }

    /** @param overrides {@code dotted.key=value} pairs; the value is read as YAML ({@code 3}, {@code true}, ...) */
    public Assembly load(AssemblyText text, List<String> overrides) {
        YamlMap merged = tree(text, new LinkedHashSet<>());
        for (String override : overrides) {
            merged = merged.mergedWith(overlay(merged, override));
        }
        return AssemblyParser.parse(merged, text.source());
    }

    private YamlMap tree(AssemblyText text, Set<String> chain) {
        if (!chain.add(text.source())) {
            throw new AssemblyException(new Origin(text.source(), 1),
                    "'extends' goes round in a circle: " + String.join(" -> ", chain) + " -> " + text.source());
        }
        YamlNode root = YamlReader.read(text.source(), text.text());
        if (!(root instanceof YamlMap map)) {
            throw new AssemblyException(root.origin(), "not an assembly: an assembly is a YAML mapping of keys "
                    + "such as name, pipeline, data, components; this file holds " + root.kind());
        }
        if (map.entries().keySet().stream().noneMatch(AssemblyParser.TOP_LEVEL::contains)) {
            throw new AssemblyException(root.origin(), "not an assembly: none of its " + map.entries().size()
                    + " top-level keys is one an assembly has (" + String.join(", ",
                    AssemblyParser.TOP_LEVEL.stream().sorted().toList()) + ")");
        }
        YamlNode parentName = map.entries().get("extends");
        if (parentName == null) {
            return map;
        }
        if (!(parentName.toPlain() instanceof String name)) {
            throw new AssemblyException(parentName.origin(), "extends: expected the name of an assembly, found "
                    + parentName.describe());
        }
        AssemblyText parent;
        try {
            parent = lookup.apply(besideChild(name, text));
        } catch (AssemblyException e) {
            throw new AssemblyException(parentName.origin(), "extends: " + e.problems().get(0).message());
        }
        Map<String, YamlNode> own = new LinkedHashMap<>(map.entries());
        own.remove("extends");
        return tree(parent, chain).mergedWith(new YamlMap(own, map.origin()));
    }

    /**
     * A relative file path in {@code extends:} is read from the extending file's folder, as an include would be;
     * an assembly name, or a path from a bundle entry, is passed on as written.
     */
    private static String besideChild(String name, AssemblyText child) {
        boolean path = name.endsWith(".yaml") || name.endsWith(".yml") || name.contains("/");
        Path childFile = Path.of(child.source());
        if (!path || Path.of(name).isAbsolute() || child.source().startsWith("bundle:")
                || !Files.isRegularFile(childFile)) {
            return name;
        }
        return childFile.toAbsolutePath().resolveSibling(name).normalize().toString();
    }

    /**
     * The override as a mapping to lay over {@code base}. Its values come from the command line and say so in their
     * origin ({@code --set train.epochs=abc}); the mappings along its path keep the origins of the blocks of
     * {@code base} they merge into, so that a problem of a block the override does not replace stays at the block's
     * line in the file.
     */
    private static YamlMap overlay(YamlMap base, String override) {
        Origin origin = new Origin(SET + Fragment.bounded(override), 0);
        int eq = override.indexOf('=');
        String key = eq < 0 ? "" : override.substring(0, eq).trim();
        List<String> path = List.of(key.split("\\.", -1));
        if (eq < 0 || path.stream().anyMatch(String::isBlank)) {
            throw new AssemblyException(origin, "expected key.path=value, e.g. train.epochs=3");
        }
        YamlNode node;
        try {
            node = fromCommandLine(YamlReader.read(origin.source(), override.substring(eq + 1)), origin);
        } catch (AssemblyException e) {
            throw new AssemblyException(origin, e.problems().get(0).message());
        }
        return (YamlMap) layer(base, path, 0, node, origin);
    }

    /**
     * What sets {@code path} (from {@code depth} on) to {@code value} over {@code block}, the base's node there (null
     * where the base has none). Through a mapping it is a one-key mapping, which keeps the block's origin when it
     * merges into it. Through a list, whose entries are addressed by index ({@code objectives.0.weight}) or by their
     * {@code use} or {@code name} ({@code objectives.l1.weight}), it is the whole list with that entry replaced: a
     * list replaces the base's list rather than merging into it.
     */
    private static YamlNode layer(YamlNode block, List<String> path, int depth, YamlNode value, Origin origin) {
        if (depth == path.size()) {
            return value;
        }
        if (block instanceof YamlList list) {
            int index = entryIndex(list, path, depth, origin);
            YamlNode entry = asMapping(list.items().get(index));
            YamlNode replaced = layer(entry, path, depth + 1, value, origin);
            List<YamlNode> items = new ArrayList<>(list.items());
            items.set(index, entry instanceof YamlMap base && replaced instanceof YamlMap over && base.mergesWith(over)
                    ? base.mergedWith(over) : replaced);
            return new YamlList(items, list.origin());
        }
        String part = path.get(depth);
        YamlNode child = block instanceof YamlMap map ? map.entries().get(part) : null;
        YamlMap layer = new YamlMap(Map.of(part, layer(child, path, depth + 1, value, origin)), origin);
        return block instanceof YamlMap existing && existing.mergesWith(layer)
                ? new YamlMap(layer.entries(), existing.origin()) : layer;
    }

    /**
     * The index of the entry of {@code list} that {@code path}'s segment at {@code depth} addresses: a number, or
     * the {@code use} (component) or {@code name} (stage) of exactly one entry.
     */
    private static int entryIndex(YamlList list, List<String> path, int depth, Origin origin) {
        String where = String.join(".", path.subList(0, depth));
        String part = path.get(depth);
        int size = list.items().size();
        String indices = size == 0 ? "the list is empty" : "its entries are 0 to " + (size - 1);
        if (part.chars().allMatch(Character::isDigit)) {
            int index = part.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(part);
            if (index >= size) {
                throw new AssemblyException(origin, where + ": no entry " + Fragment.of(part) + "; " + indices);
            }
            return index;
        }
        List<Integer> named = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (part.equals(entryName(list.items().get(i)))) {
                named.add(i);
            }
        }
        if (named.isEmpty()) {
            List<String> names = list.items().stream().map(AssemblyLoader::entryName)
                    .map(name -> name == null ? "-" : Fragment.of(name)).toList();
            throw new AssemblyException(origin, where + ": no entry is " + Fragment.quote(part) + "; address one by "
                    + "its index (" + indices + ") or by its 'use' or 'name'" + (size == 0 ? ""
                    : " (" + AssemblyParser.listed(names) + ")"));
        }
        if (named.size() > 1) {
            throw new AssemblyException(origin, where + ": " + named.size() + " entries are " + Fragment.quote(part)
                    + " (" + named.stream().map(String::valueOf).collect(Collectors.joining(", ")) + "); address "
                    + "one by its index, e.g. " + where + "." + named.get(0)
                    + path.subList(depth + 1, path.size()).stream().map(p -> "." + p).collect(Collectors.joining()));
        }
        return named.get(0);
    }

    /**
     * What names a list entry: its component, without a version range ({@code gru}, {@code use: gru@[1.0,2.0)}), or
     * its {@code name} (a stage); null for anything else.
     */
    private static String entryName(YamlNode entry) {
        YamlNode named = entry instanceof YamlMap map ? map.get("use").or(() -> map.get("name")).orElse(null) : entry;
        if (named instanceof YamlScalar scalar && scalar.value() instanceof String name) {
            int at = name.indexOf('@');
            return (at < 0 ? name : name.substring(0, at)).trim();
        }
        return null;
    }

    /** A list entry written as a component's bare name ({@code masked-mean-pool}) as {@code { use: name }}. */
    private static YamlNode asMapping(YamlNode entry) {
        return entry instanceof YamlScalar scalar && scalar.value() instanceof String
                ? new YamlMap(Map.of("use", scalar), scalar.origin()) : entry;
    }

    /** {@code node} with every value at {@code origin}: a value typed on the command line has no line. */
    private static YamlNode fromCommandLine(YamlNode node, Origin origin) {
        if (node instanceof YamlMap map) {
            Map<String, YamlNode> entries = new LinkedHashMap<>();
            map.entries().forEach((key, value) -> entries.put(key, fromCommandLine(value, origin)));
            return new YamlMap(entries, origin);
        }
        if (node instanceof YamlList list) {
            return new YamlList(list.items().stream().map(item -> fromCommandLine(item, origin)).toList(), origin);
        }
        return new YamlScalar(node.toPlain(), origin);
    }
}
