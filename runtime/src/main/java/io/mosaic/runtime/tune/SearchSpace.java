package io.mosaic.runtime.tune;

import io.mosaic.runtime.assembly.AssemblyException;
import io.mosaic.runtime.assembly.AssemblyFiles;
import io.mosaic.runtime.assembly.yaml.Fragment;
import io.mosaic.runtime.assembly.yaml.Origin;
import io.mosaic.runtime.assembly.yaml.YamlList;
import io.mosaic.runtime.assembly.yaml.YamlMap;
import io.mosaic.runtime.assembly.yaml.YamlNode;
import io.mosaic.runtime.assembly.yaml.YamlReader;
import io.mosaic.runtime.assembly.yaml.YamlScalar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The keys a search varies and each one's distribution, read from a YAML mapping of assembly keys (as {@code --set}
 * takes them) to one distribution each:
 *
 * <pre>
 * train.optimizer.lr: { log-uniform: [1e-4, 1e-2] }
 * components.fusion.dropout: { uniform: [0.0, 0.5] }
 * train.batch: { int-uniform: [16, 64] }
 * components.head.hidden: { choice: [[16], [32, 16]] }
 * </pre>
 *
 * The file is read as assemblies are (a regular file of at most 1 MiB of UTF-8, SnakeYAML composing nodes only), and
 * every problem is reported at its file and line.
 */
public record SearchSpace(String source, List<Dimension> dimensions) {
    /** The distributions a key may take. */
    static final List<String> DISTRIBUTIONS = List.of("log-uniform", "uniform", "int-uniform", "choice");
    /** The most keys a space may have, and choices a key: a search over more is no search. */
    static final int MAX_KEYS = 64;
    static final int MAX_CHOICES = 256;

    public SearchSpace {
        dimensions = List.copyOf(dimensions);
    }

    /**
     * The space in {@code file}.
     *
     * @throws AssemblyException naming the file and line of every problem
     */
    public static SearchSpace read(Path file) {
        String source = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new AssemblyException(new Origin(source, 0), Files.exists(file)
                    ? "not a search space file: it is not a regular file" : "search space file does not exist ("
                    + file.toAbsolutePath() + ")");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(AssemblyFiles.MAX_BYTES + 1);
        } catch (IOException e) {
            throw new AssemblyException(new Origin(source, 0), "cannot read the search space file: "
                    + e.getMessage());
        }
        if (bytes.length > AssemblyFiles.MAX_BYTES) {
            throw new AssemblyException(new Origin(source, 0), "too large for a search space: more than "
                    + AssemblyFiles.MAX_BYTES + " bytes");
        }
        return parse(source, AssemblyFiles.decode(source, bytes));
    }

    /** The space in {@code text}; {@code source} names it in errors. */
    public static SearchSpace parse(String source, String text) {
        YamlNode root = YamlReader.read(source, text);
        if (!(root instanceof YamlMap map)) {
            throw new AssemblyException(root.origin(), "a search space is a mapping of assembly keys to "
                    + "distributions, found " + root.describe());
        }
        if (map.entries().isEmpty()) {
            throw new AssemblyException(root.origin(), "the search space has no key");
        }
        if (map.entries().size() > MAX_KEYS) {
            throw new AssemblyException(root.origin(), "the search space has " + map.entries().size()
                    + " keys; at most " + MAX_KEYS);
        }
        List<AssemblyException.Problem> problems = new ArrayList<>();
        List<Dimension> dimensions = new ArrayList<>();
        for (Map.Entry<String, YamlNode> entry : map.entries().entrySet()) {
            try {
                dimensions.add(dimension(entry.getKey(), entry.getValue()));
            } catch (AssemblyException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new AssemblyException(problems);
        }
        return new SearchSpace(source, dimensions);
    }

    private static Dimension dimension(String key, YamlNode node) {
        Origin origin = node.origin();
        String named = Fragment.quote(key);
        if (!key.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)+")) {
            throw new AssemblyException(origin, named + " is not an assembly key: dotted names as --set takes "
                    + "them, e.g. train.optimizer.lr");
        }
        if (!(node instanceof YamlMap distribution) || distribution.entries().size() != 1) {
            throw new AssemblyException(origin, named + ": expected one distribution (" + String.join(", ",
                    DISTRIBUTIONS) + "), e.g. { log-uniform: [1e-4, 1e-2] }, found " + (node instanceof YamlMap m
                    ? m.entries().size() + " keys" : node.describe()));
        }
        Map.Entry<String, YamlNode> only = distribution.entries().entrySet().iterator().next();
        String kind = only.getKey();
        if (!(only.getValue() instanceof YamlList list)) {
            throw new AssemblyException(origin, named + ": " + Fragment.quote(kind) + " takes a list, found "
                    + only.getValue().describe());
        }
        return switch (kind) {
            case "choice" -> choice(key, list, origin);
            case "log-uniform", "uniform" -> {
                double[] range = range(key, kind, list, origin, false);
                if (kind.equals("log-uniform") && range[0] <= 0) {
                    throw new AssemblyException(origin, named + ": log-uniform needs 0 < low, found low "
                            + range[0]);
                }
                yield kind.equals("uniform") ? new Dimension.Uniform(key, range[0], range[1], origin)
                        : new Dimension.LogUniform(key, range[0], range[1], origin);
            }
            case "int-uniform" -> {
                double[] range = range(key, kind, list, origin, true);
                yield new Dimension.IntUniform(key, (long) range[0], (long) range[1], origin);
            }
            default -> throw new AssemblyException(origin, named + ": unknown distribution "
                    + Fragment.quote(kind) + "; expected one of " + String.join(", ", DISTRIBUTIONS));
        };
    }

    /** {@code [low, high]} of a range distribution, with {@code low < high}, both finite. */
    private static double[] range(String key, String kind, YamlList list, Origin origin, boolean integers) {
        String named = Fragment.quote(key) + ": " + kind;
        if (list.items().size() != 2) {
            throw new AssemblyException(origin, named + " takes [low, high], found " + list.items().size()
                    + " values");
        }
        double[] range = new double[2];
        for (int i = 0; i < 2; i++) {
            Object value = list.items().get(i).toPlain();
            boolean number = integers ? value instanceof Long : value instanceof Long || value instanceof Double;
            if (!number || !Double.isFinite(((Number) value).doubleValue())) {
                throw new AssemblyException(origin, named + " takes " + (integers ? "integers" : "finite numbers")
                        + ", found " + list.items().get(i).describe());
            }
            range[i] = ((Number) value).doubleValue();
        }
        if (range[0] >= range[1]) {
            throw new AssemblyException(origin, named + " needs low < high, found [" + Dimension.shown(range[0])
                    + ", " + Dimension.shown(range[1]) + "]");
        }
        return range;
    }

    private static Dimension choice(String key, YamlList list, Origin origin) {
        String named = Fragment.quote(key) + ": choice";
        if (list.items().isEmpty()) {
            throw new AssemblyException(origin, named + " needs at least one value, found none");
        }
        if (list.items().size() > MAX_CHOICES) {
            throw new AssemblyException(origin, named + " has " + list.items().size() + " values; at most "
                    + MAX_CHOICES);
        }
        List<Object> values = new ArrayList<>();
        for (YamlNode item : list.items()) {
            if (!(item instanceof YamlScalar scalar) || scalar.value() == null
                    || scalar.value() instanceof Double d && !Double.isFinite(d)) {
                throw new AssemblyException(item.origin(), named + " takes numbers, words or booleans, found "
                        + item.describe());
            }
            if (values.contains(scalar.value())) {
                throw new AssemblyException(item.origin(), named + " lists " + scalar.describe() + " twice");
            }
            values.add(scalar.value());
        }
        return new Dimension.Choice(key, values, origin);
    }
}
