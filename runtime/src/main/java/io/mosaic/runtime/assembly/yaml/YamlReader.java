package io.mosaic.runtime.assembly.yaml;

import io.mosaic.runtime.assembly.AssemblyException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one YAML document into {@link YamlNode}s that keep their line numbers. SnakeYAML only composes the node graph
 * here: no object is constructed from tags, so a document cannot instantiate anything.
 */
public final class YamlReader {
    /** How deep blocks and lists may nest; an assembly needs a handful of levels. */
    public static final int MAX_DEPTH = 32;
    /** How many aliases ({@code *name}) to a list or mapping a document may hold. */
    public static final int MAX_ALIASES = 10;
    /** The longest text read: as long as the largest assembly file (see {@code AssemblyFiles}). */
    public static final int MAX_CODE_POINTS = 1 << 20;

    private YamlReader() {
    }

    /**
     * @param source how errors name the document (a file path or a bundle entry)
     * @throws AssemblyException on a syntax error, a duplicate key, a non-string key or an empty document (SnakeYAML
     *                           checks duplicate keys only when it constructs objects, so composing checks them here)
     */
    public static YamlNode read(String source, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        Node root;
        try (Reader reader = new StringReader(text)) {
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 1 : mark.getLine() + 1;
            String problem = Fragment.bounded(e.getProblem() != null ? e.getProblem() : e.getMessage());
            Mark context = e.getContextMark();
            if (e.getContext() != null && context != null && context.getLine() + 1 != line) {
                problem += " (" + e.getContext() + " that starts at line " + (context.getLine() + 1) + ")";
            }
            throw new AssemblyException(new Origin(source, line), "YAML syntax error: " + problem);
        } catch (YAMLException e) {
            throw new AssemblyException(new Origin(source, 1), "YAML error: " + Fragment.bounded(e.getMessage()));
        } catch (java.io.IOException e) {
            throw new AssemblyException(new Origin(source, 1), "cannot read: " + e.getMessage());
        }
        if (root == null) {
            throw new AssemblyException(new Origin(source, 1), "the document is empty");
        }
        return convert(source, root, lineOf(root), new ArrayDeque<>());
    }

    /**
     * @param line  the line {@code node} is reported at: its key's line when it is a mapping's value (a block under
     *              {@code train:} is where {@code train:} is written), else the line it starts on
     * @param path  the lists and mappings that hold {@code node}, outermost first: an alias may make a node its own
     *              ancestor, and the walk stops there (and at {@value #MAX_DEPTH} levels) instead of overflowing the
     *              stack
     */
    private static YamlNode convert(String source, Node node, int line, Deque<Node> path) {
        Origin origin = new Origin(source, line);
        if (node instanceof ScalarNode scalar) {
            return new YamlScalar(scalarValue(scalar, origin), origin);
        }
        if (path.stream().anyMatch(ancestor -> ancestor == node)) {
            throw new AssemblyException(origin, "a recursive alias: this value contains itself");
        }
        if (path.size() >= MAX_DEPTH) {
            throw new AssemblyException(origin, "nested more than " + MAX_DEPTH + " levels deep");
        }
        path.addLast(node);
        try {
            return node instanceof MappingNode mapping ? mapping(source, mapping, origin, path)
                    : sequence(source, (SequenceNode) node, origin, path);
        } finally {
            path.removeLast();
        }
    }

    private static YamlMap mapping(String source, MappingNode mapping, Origin origin, Deque<Node> path) {
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        Map<String, Integer> keyLines = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node key = tuple.getKeyNode();
            int keyLine = lineOf(key);
            if (!(key instanceof ScalarNode name)) {
                throw new AssemblyException(new Origin(source, keyLine), "a key must be a plain name, found a "
                        + (key instanceof MappingNode ? "mapping" : "list"));
            }
            Integer first = keyLines.putIfAbsent(name.getValue(), keyLine);
            if (first != null) {
                throw new AssemblyException(new Origin(source, keyLine), "duplicate key "
                        + Fragment.quote(name.getValue()) + " (first at line " + first + ")");
            }
            entries.put(name.getValue(), convert(source, tuple.getValueNode(), keyLine, path));
        }
        return new YamlMap(entries, origin);
    }

    private static YamlList sequence(String source, SequenceNode sequence, Origin origin, Deque<Node> path) {
        List<YamlNode> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            items.add(convert(source, item, lineOf(item), path));
        }
        return new YamlList(items, origin);
    }

    private static int lineOf(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /**
     * YAML 1.2 integers: decimal (a leading zero is not octal), or hexadecimal with {@code 0x}. What YAML 1.1 also
     * read as an integer (sexagesimal {@code 1:30}, binary {@code 0b101}) stays a string.
     */
    private static Object integer(String text, Origin origin) {
        String digits = text.replace("_", "");
        boolean hex = digits.matches("[-+]?0x[0-9a-fA-F]+");
        if (!hex && !digits.matches("[-+]?[0-9]+")) {
            return text;
        }
        try {
            if (hex) {
                long value = Long.parseLong(digits.replaceFirst("^[-+]?0x", ""), 16);
                return digits.startsWith("-") ? -value : value;
            }
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new AssemblyException(origin, Fragment.quote(text) + " is not a number YAML can read");
        }
    }

    /**
     * Reads a plain scalar by the tag YAML's resolver gave it; quoted scalars stay strings. Booleans follow YAML
     * 1.2: only {@code true} and {@code false}, so that {@code on}, {@code yes} or {@code no} stay words.
     */
    private static Object scalarValue(ScalarNode node, Origin origin) {
        String text = node.getValue();
        Tag tag = node.getTag();
        try {
            if (tag.equals(Tag.NULL)) {
                return null;
            }
            if (tag.equals(Tag.BOOL)) {
                return switch (text.toLowerCase(Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> text;
                };
            }
            if (tag.equals(Tag.INT)) {
                return integer(text, origin);
            }
            if (tag.equals(Tag.FLOAT)) {
                String t = text.replace("_", "").toLowerCase(Locale.ROOT);
                return switch (t) {
                    case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
                    case "-.inf" -> Double.NEGATIVE_INFINITY;
                    case ".nan" -> Double.NaN;
                    default -> Double.parseDouble(t);
                };
            }
        } catch (NumberFormatException e) {
            throw new AssemblyException(origin, Fragment.quote(text) + " is not a number YAML can read");
        }
        return text;
    }
}
