package io.mosaic.itests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** Reads the files of a run folder as plain JSON, YAML and CSV, without the runtime's own readers. */
public final class RunFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunFiles() {
    }

    /** The only run folder under {@code runs}. */
    public static Path onlyRun(Path runs) {
        try (Stream<Path> folders = Files.list(runs)) {
            List<Path> all = folders.filter(Files::isDirectory).toList();
            if (all.size() != 1) {
                throw new AssertionError("expected one run folder under " + runs + ", found " + all);
            }
            return all.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runs, e);
        }
    }

    /** {@code run.json}. */
    public static JsonNode status(Path run) {
        return json(run.resolve("run.json"));
    }

    /** {@code metrics.json}. */
    public static JsonNode metrics(Path run) {
        return json(run.resolve("metrics.json"));
    }

    /** {@code epochs.csv}. */
    public static EpochTable epochs(Path run) {
        return EpochTable.parse(read(run.resolve("epochs.csv")));
    }

    /** {@code assembly.resolved.yaml}, as nested maps and lists. */
    public static Map<String, Object> resolvedAssembly(Path run) {
        return new Yaml().load(read(run.resolve("assembly.resolved.yaml")));
    }

    private static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
