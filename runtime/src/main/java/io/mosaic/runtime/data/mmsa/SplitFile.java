package io.mosaic.runtime.data.mmsa;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A split file: which sample ids form which split, to reproduce a repartition (e.g. an out-of-distribution one) of a
 * feature file. It is a YAML (or JSON) mapping from split name to a list of sample ids:
 * <pre>
 * train: [03bSnISJMiM$_$1, 03bSnISJMiM$_$2]
 * valid: [0h-zjBukYpk$_$1]
 * test:  [1DmNV9C1hbY$_$3]
 * </pre>
 * It must name {@code train}, {@code valid} and {@code test}, and may name further splits (letters, digits,
 * {@code -} and {@code _}). Ids are read as written, never as numbers. Every split lists at least one id; every id
 * must be a sample id of the feature file that names exactly one sample there, and may appear only once in the whole
 * split file. Samples the split file does not list are left out.
 */
final class SplitFile {
    private static final Pattern SPLIT_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    /** An id as the split file lists it. */
    private record Listed(String id, int line) {
    }

    private final Path path;
    private final Map<String, List<Listed>> splits;

    private SplitFile(Path path, Map<String, List<Listed>> splits) {
        this.path = path;
        this.splits = splits;
    }

    /** @throws IllegalArgumentException naming the file and line of the first problem */
    static SplitFile read(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("split file " + path + ": no such file");
        }
        Node root;
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("split file " + path + ": not YAML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("split file " + path + ": cannot read: " + e.getMessage(), e);
        }
        return new SplitFile(path, splits(path, root));
    }

    private static Map<String, List<Listed>> splits(Path path, Node root) {
        if (!(root instanceof MappingNode mapping)) {
            throw new IllegalArgumentException("split file " + path + ": expected a mapping from split name to a "
                    + "list of ids, e.g. {train: [...], valid: [...], test: [...]}");
        }
        Map<String, List<Listed>> splits = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key) || !SPLIT_NAME.matcher(key.getValue()).matches()) {
                throw error(path, tuple.getKeyNode(), "a split name must be letters, digits, '-' or '_'");
            }
            if (splits.containsKey(key.getValue())) {
                throw error(path, key, "split '" + key.getValue() + "' is listed twice");
            }
            splits.put(key.getValue(), ids(path, key.getValue(), tuple.getValueNode()));
        }
        for (String required : FeatureKeys.SPLITS) {
            if (!splits.containsKey(required)) {
                throw new IllegalArgumentException("split file " + path + ": has no split '" + required
                        + "'; it must list " + FeatureKeys.SPLITS + ", found " + splits.keySet());
            }
        }
        return splits;
    }

    private static List<Listed> ids(Path path, String split, Node node) {
        if (!(node instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
            throw error(path, node, "split '" + split + "' must be a non-empty list of sample ids");
        }
        List<Listed> ids = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            if (!(item instanceof ScalarNode id)) {
                throw error(path, item, "split '" + split + "' must list sample ids, found a "
                        + (item instanceof MappingNode ? "mapping" : "list"));
            }
            ids.add(new Listed(id.getValue(), line(id)));
        }
        return ids;
    }

    /**
     * The dataset's splits, in the split file's order.
     *
     * @param dataFile   the feature file, for messages
     * @param fileSplits the feature file's validated splits, whose rows the ids are looked up in
     * @throws IllegalArgumentException naming the split file, the line and the id that is unknown, ambiguous or
     *                                  listed twice
     */
    List<MmsaSplit> assign(String dataFile, List<FeatureSplit> fileSplits) {
        Map<String, MmsaSplit.Row> rows = new HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        for (FeatureSplit split : fileSplits) {
            for (int row = 0; row < split.size(); row++) {
                if (rows.put(split.id(row), new MmsaSplit.Row(split, row)) != null) {
                    ambiguous.add(split.id(row));
                }
            }
        }
        Map<String, String> seen = new HashMap<>();
        List<MmsaSplit> assigned = new ArrayList<>();
        splits.forEach((name, ids) -> {
            List<MmsaSplit.Row> selected = new ArrayList<>(ids.size());
            for (Listed listed : ids) {
                String where = "split file " + path + ": line " + listed.line() + ": id '" + listed.id() + "'";
                if (!rows.containsKey(listed.id())) {
                    throw new IllegalArgumentException(where + " is not a sample id of " + dataFile);
                }
                if (ambiguous.contains(listed.id())) {
                    throw new IllegalArgumentException(where + " names more than one sample of " + dataFile
                            + "; a split file needs ids that are unique in the feature file");
                }
                String earlier = seen.put(listed.id(), name);
                if (earlier != null) {
                    throw new IllegalArgumentException(where + " is listed in split '" + earlier + "' already"
                            + (earlier.equals(name) ? "" : "; no sample may be in two splits"));
                }
                selected.add(rows.get(listed.id()));
            }
            assigned.add(new MmsaSplit(name, selected));
        });
        return assigned;
    }

    private static IllegalArgumentException error(Path path, Node node, String message) {
        return new IllegalArgumentException("split file " + path + ": line " + line(node) + ": " + message);
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }
}
