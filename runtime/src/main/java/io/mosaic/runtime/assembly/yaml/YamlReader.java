package io.mosaic.runtime.assembly.yaml;

import io.mosaic.runtime.assembly.AssemblyException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
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

    private YamlReader() {
    }

    /**
     * @param source how errors name the document (a file path or a bundle entry)
     * @throws AssemblyException on a syntax error, a duplicate key, a non-string key or an empty document (SnakeYAML
     *                           checks duplicate keys only when it constructs objects, so composing checks them here)
     */
    public static YamlNode read(String source, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        Node root;
        try (Reader reader = new StringReader(text)) {
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 1 : mark.getLine() + 1;
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            Mark context = e.getContextMark();
            if (e.getContext() != null && context != null && context.getLine() + 1 != line) {
                problem += " (" + e.getContext() + " that starts at line " + (context.getLine() + 1) + ")";
            }
            throw new AssemblyException(new Origin(source, line), "YAML syntax error: " + problem);
        } catch (YAMLException e) {
            throw new AssemblyException(new Origin(source, 1), "YAML error: " + e.getMessage());
        } catch (java.io.IOException e) {
            throw new AssemblyException(new Origin(source, 1), "cannot read: " + e.getMessage());
        }
        if (root == null) {
            throw new AssemblyException(new Origin(source, 1), "the document is empty");
        }
        return convert(source, root, lineOf(root));
    }

    /**
     * @param line the line {@code node} is reported at: its key's line when it is a mapping's value (a block under
     *             {@code train:} is where {@code train:} is written), else the line it starts on
     */
    private static YamlNode convert(String source, Node node, int line) {
        Origin origin = new Origin(source, line);
        if (node instanceof MappingNode mapping) {
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
                    throw new AssemblyException(new Origin(source, keyLine), "duplicate key '" + name.getValue()
                            + "' (first at line " + first + ")");
                }
                entries.put(name.getValue(), convert(source, tuple.getValueNode(), keyLine));
            }
            return new YamlMap(entries, origin);
        }
        if (node instanceof SequenceNode sequence) {
            List<YamlNode> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(convert(source, item, lineOf(item)));
            }
            return new YamlList(items, origin);
        }
        ScalarNode scalar = (ScalarNode) node;
        return new YamlScalar(scalarValue(scalar, origin), origin);
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
            throw new AssemblyException(origin, "'" + text + "' is not a number YAML can read");
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
            throw new AssemblyException(origin, "'" + text + "' is not a number YAML can read");
        }
        return text;
    }
}
