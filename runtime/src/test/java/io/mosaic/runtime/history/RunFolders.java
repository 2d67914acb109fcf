package io.mosaic.runtime.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mosaic.runtime.run.RunOwner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Run folders written by hand, as {@code run} and {@code run --seeds} leave them, for tests of the listing. */
public final class RunFolders {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunFolders() {
    }

    /** A process that is not alive: this process's id with a start time it never had. */
    public static RunOwner goneOwner() {
        return new RunOwner(ProcessHandle.current().pid(), "1970-01-01T00:00:00Z");
    }

    /** A {@code run.json}; {@code finished} and {@code owner} may be null. */
    public static Path status(Path folder, String assembly, String state, String started, String finished, long seed,
                       RunOwner owner) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("assembly", assembly);
        status.put("state", state);
        status.put("started", started);
        status.put("finished", finished);
        status.put("device", "cpu()");
        status.put("software", Map.of("mosaic", "development build"));
        status.put("seed", seed);
        status.put("error", "failed".equals(state) ? "boom" : null);
        status.put("owner", owner);
        return write(folder.resolve("run.json"), status);
    }

    /** A completed run with a {@code metrics.json} selecting on {@code mae}: test mae and corr, valid mae. */
    public static Path completed(Path folder, String assembly, String started, long seed, double validMae, double testMae,
                          double testCorr, double seconds) {
        status(folder, assembly, "completed", started, started.replace(":00:", ":05:"), seed, null);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("assembly", assembly);
        metrics.put("data", "testbed tiny");
        metrics.put("task", "regression");
        metrics.put("epochs", 2);
        metrics.put("bestEpoch", 2);
        metrics.put("selection", "mae");
        metrics.put("parameters", Map.of("total", 10));
        metrics.put("valid", Map.of("mae", validMae));
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("mae", testMae);
        test.put("corr", testCorr);
        metrics.put("test", test);
        metrics.put("domainTests", Map.of());
        metrics.put("sweeps", Map.of());
        metrics.put("strength", null);
        metrics.put("seconds", seconds);
        metrics.put("peakResidentMegabytes", 100.0);
        metrics.put("unimodalLabels", Map.of());
        write(folder.resolve("metrics.json"), metrics);
        return folder;
    }

    /** A seed group's {@code summary.json} (its content is not what the listing reads). */
    public static void summary(Path group, String assembly, long... seeds) {
        write(group.resolve("summary.json"), Map.of("assembly", assembly, "seeds", seeds));
    }

    public static Path write(Path file, Object json) {
        try {
            Files.createDirectories(file.getParent());
            JSON.writeValue(file.toFile(), json);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
