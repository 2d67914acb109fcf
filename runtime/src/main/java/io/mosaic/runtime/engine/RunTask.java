package io.mosaic.runtime.engine;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One training run for a {@link RunEngine}: its resolved assembly, as {@code resolved.yaml} records it (every
 * component pinned to its bundle version, the seed and data seed set), trained in {@code folder}. A folder that holds
 * a completed run is kept; one that holds a stopped run resumes from its last checkpoint, so that a task tried again
 * continues where it stopped.
 *
 * @param label        how progress and errors name the run, e.g. {@code cider seed 1112}
 * @param folder       the run's folder, which the run creates; on a cluster, on storage every node shares; made
 *                     absolute, since another process (a worker) may carry the task out
 * @param resolvedYaml the resolved assembly's YAML ({@code ResolvedAssemblyWriter.toYaml})
 */
public record RunTask(String label, Path folder, String resolvedYaml) {
    public RunTask {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(resolvedYaml, "resolvedYaml");
        folder = folder.toAbsolutePath().normalize();
    }
}
