package io.mosaic.runtime.assembly;

import io.mosaic.runtime.assembly.yaml.Fragment;
import io.mosaic.runtime.assembly.yaml.Origin;
import io.mosaic.runtime.assembly.yaml.YamlMap;
import io.mosaic.runtime.assembly.yaml.YamlNode;
import io.mosaic.runtime.assembly.yaml.YamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads an assembly: its YAML, the assemblies it {@code extends:} (merged underneath it, key by key), and
 * command-line overrides such as {@code train.epochs=3} (merged on top).
 */
public final class AssemblyLoader {
    private static final String COMMAND_LINE = "command line";

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
     * The override as a mapping to lay over {@code base}. The mappings along its path keep the origins of the blocks
     * of {@code base} they land on, so that a problem of a block stays at the block's line in the file.
     */
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

    private static YamlMap overlay(YamlMap base, String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new AssemblyException(new Origin(COMMAND_LINE, 1),
                    "override '" + override + "' is not of the form key.path=value");
        }
        String source = COMMAND_LINE + " (" + override + ")";
        YamlNode node = YamlReader.read(source, override.substring(eq + 1));
        List<String> path = List.of(override.substring(0, eq).trim().split("\\.", -1));
        if (path.isEmpty() || path.stream().anyMatch(String::isBlank)) {
            throw new AssemblyException(new Origin(COMMAND_LINE, 1), "override " + Fragment.quote(override)
                    + ": the key path has an empty part; expected e.g. train.epochs=3");
        }
        List<Origin> origins = new ArrayList<>();
        YamlNode block = base;
        for (String key : path) {
            origins.add(block instanceof YamlMap map ? map.origin() : new Origin(source, 1));
            block = block instanceof YamlMap map ? map.entries().get(key) : null;
        }
        for (int depth = path.size() - 1; depth >= 0; depth--) {
            node = new YamlMap(Map.of(path.get(depth), node), origins.get(depth));
        }
        return (YamlMap) node;
    }
}
