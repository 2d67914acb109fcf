package io.mosaic.runtime.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A run's folder, {@code runs/<assembly>-<yyyyMMdd-HHmmss>/}: the resolved assembly, the run's status, the per-epoch
 * log, metrics, and checkpoints. Every file is written atomically.
 */
public final class RunFolder {
    public static final String RESOLVED = "assembly.resolved.yaml";
    public static final String STATUS = "run.json";
    public static final String EPOCHS = "epochs.csv";
    public static final String METRICS_JSON = "metrics.json";
    public static final String METRICS_CSV = "metrics.csv";
    public static final String SWEEPS_CSV = "sweeps.csv";
    public static final String CHECKPOINTS = "checkpoints";
    /** Where stateful objectives' per-sample tables go, {@code objectives/<name>/epoch-NNN.csv}. */
    public static final String OBJECTIVES = "objectives";
    /** The stack trace of what failed the run, so that a plugin's author gets its file and line. */
    public static final String FAILURE = "failure.txt";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .findAndRegisterModules();

    private final Path path;

    private RunFolder(Path path) {
        this.path = path;
    }

    /**
     * A new, empty folder for a run of {@code assembly} under {@code runs}; {@code -2}, {@code -3}... follow the
     * time stamp when runs start in the same second. Creating the folder claims its name, so two processes never
     * share one.
     */
    public static RunFolder create(Path runs, String assembly, LocalDateTime now) {
        String base = assembly.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + STAMP.format(now);
        try {
            Files.createDirectories(runs);
            Path folder = runs.resolve(base);
            for (int n = 2; ; n++) {
                try {
                    return new RunFolder(Files.createDirectory(folder));
                } catch (FileAlreadyExistsException taken) {
                    folder = runs.resolve(base + "-" + n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run folder under " + runs, e);
        }
    }

    /**
     * The run folder {@code name} under {@code parent}: opened when it exists (to be resumed), created otherwise. Seed
     * groups use it, so that their seeds' folders have stable names.
     */
    public static RunFolder named(Path parent, String name) {
        try {
            return new RunFolder(Files.createDirectories(parent.resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run folder " + parent.resolve(name), e);
        }
    }

    /** The run folder {@code folder}, created when absent: {@link #named} of its parent and name. */
    public static RunFolder at(Path folder) {
        return named(folder.getParent(), folder.getFileName().toString());
    }

    /** An existing run folder. */
    public static RunFolder open(Path folder) {
        if (!Files.isRegularFile(folder.resolve(STATUS))) {
            throw new IllegalArgumentException(folder + " is not a run folder (it has no " + STATUS + ")");
        }
        return new RunFolder(folder);
    }

    /**
     * The newest folder under {@code runs} of a run of {@code assembly} that did not complete and that no live
     * process is running.
     */
    public static Optional<RunFolder> latestUnfinished(Path runs, String assembly) {
        if (!Files.isDirectory(runs)) {
            return Optional.empty();
        }
        try (Stream<Path> folders = Files.list(runs)) {
            return folders.filter(f -> Files.isRegularFile(f.resolve(STATUS)))
                    .map(RunFolder::new)
                    .filter(f -> f.status().map(s -> s.assembly().equals(assembly) && !s.completed()
                            && !s.runningElsewhere()).orElse(false))
                    .max(Comparator.comparing((RunFolder f) -> f.status().orElseThrow().started()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runs, e);
        }
    }

    public Path path() {
        return path;
    }

    /** The file, relative to the folder, of objective {@code objective}'s per-sample table after {@code epoch}. */
    public static String objectiveTable(String objective, int epoch) {
        return OBJECTIVES + "/" + objective.replaceAll("[^A-Za-z0-9._#-]", "_") + "/"
                + String.format(Locale.ROOT, "epoch-%03d.csv", epoch);
    }

    public Path checkpoint(String name) {
        return path.resolve(CHECKPOINTS).resolve(name + ".ckpt");
    }

    /**
     * The run's status, {@linkplain RunStatus#checked() checked}: a run whose process is gone reads as
     * interrupted.
     */
    public Optional<RunStatus> status() {
        Path file = path.resolve(STATUS);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), RunStatus.class).checked());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The results of a completed run. */
    public RunSummary summary() {
        return readJson(METRICS_JSON, RunSummary.class);
    }

    /** Reads the JSON file {@code file} of this folder as a {@code type}. */
    public <T> T readJson(String file, Class<T> type) {
        Path source = path.resolve(file);
        try {
            return JSON.readValue(source.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    /**
     * Removes what writes cut short left behind ({@code .<file>…partial}, see {@link AtomicFiles}), in the folder, its
     * checkpoints and its objectives' tables; call it only while no process runs the run.
     *
     * @return the files removed
     */
    public List<Path> removePartialWrites() {
        List<Path> removed = new ArrayList<>();
        List<Path> folders = new ArrayList<>(List.of(path, path.resolve(CHECKPOINTS)));
        if (Files.isDirectory(path.resolve(OBJECTIVES))) {
            try (Stream<Path> objectives = Files.list(path.resolve(OBJECTIVES))) {
                objectives.filter(Files::isDirectory).forEach(folders::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + path.resolve(OBJECTIVES) + ": "
                        + AtomicFiles.reason(e), e);
            }
        }
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(AtomicFiles::isPartial).toList()) {
                    Files.deleteIfExists(file);
                    removed.add(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove unfinished writes in " + folder + ": "
                        + AtomicFiles.reason(e), e);
            }
        }
        return removed;
    }

    public void writeStatus(RunStatus status) {
        writeJson(STATUS, status);
    }

    public void writeText(String file, String text) {
        AtomicFiles.writeString(path.resolve(file), text);
    }

    public void writeJson(String file, Object value) {
        AtomicFiles.write(path.resolve(file), out -> JSON.writeValue(new NonClosing(out), value));
    }

    public String readText(String file) {
        try {
            return Files.readString(path.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path.resolve(file), e);
        }
    }

    /** Writes {@code rows} (the first is the header) as CSV (see {@link Csv}). */
    public void writeCsv(String file, List<List<String>> rows) {
        writeText(file, Csv.text(rows));
    }

    /** Jackson closes the stream it writes to; the atomic writer closes it itself. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
