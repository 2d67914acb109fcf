package io.mosaic.runtime.engine.spark;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a Spark task starts a worker process on its node: the Mosaic installation there, the plugins and runs folders
 * (the runs folder on storage every node shares) and the engine threads of a run that leaves {@code backend.threads}
 * at 0.
 */
public record WorkerSpec(String home, String plugins, String runs, int threads) implements Serializable {
    private static final long serialVersionUID = 1L;

    public WorkerSpec {
        if (threads < 1) {
            throw new IllegalArgumentException("a worker needs at least one engine thread, found " + threads);
        }
    }

    /**
     * {@code java @<home>/jvm.options -cp <home>/lib/* io.mosaic.runtime.cli.MosaicCli worker}, with this node's Java;
     * the installation's JVM options (the launcher's too) when it has the file.
     */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path options = Path.of(home, "jvm.options");
        if (Files.isRegularFile(options)) {
            command.add("@" + options);
        }
        command.add("-cp");
        command.add(Path.of(home, "lib").toString() + "/*");
        command.add("io.mosaic.runtime.cli.MosaicCli");
        command.add("worker");
        return command;
    }

    /**
     * The worker's environment beyond its parent's: the installation and folders, and the engine threads, which
     * libtorch takes from {@code OMP_NUM_THREADS} as its default; the run's resolved assembly, and so its identity,
     * stays as it is.
     */
    public Map<String, String> environment() {
        return Map.of("MOSAIC_HOME", home, "MOSAIC_PLUGINS", plugins, "MOSAIC_RUNS", runs,
                "OMP_NUM_THREADS", Integer.toString(threads), "MKL_NUM_THREADS", Integer.toString(threads));
    }
}
