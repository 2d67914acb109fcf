package io.mosaic.itests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code mosaic} started as its users start it, with the launcher script in a process of its own (which the script
 * replaces with the JVM), working in a folder with its own {@code plugins/} and {@code runs/}: for what only a
 * separate process shows, signals and exits.
 */
public final class MosaicProcess implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;

    private MosaicProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code mosaic args...} in {@code work}, its output kept in {@code work/<name>.out} and {@code .err}. */
    public static MosaicProcess start(Path work, String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(launcher().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().put("MOSAIC_HOME", Installation.home().toString());
        builder.environment().put("MOSAIC_PLUGINS", work.resolve("plugins").toString());
        builder.environment().put("MOSAIC_RUNS", work.resolve("runs").toString());
        Path out = work.resolve(name + ".out");
        Path err = work.resolve(name + ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        return new MosaicProcess(builder.start(), out, err);
    }

    /** The {@code mosaic} script of the source tree the installation was built from. */
    private static Path launcher() {
        Path script = Installation.home().resolve("../../../mosaic").normalize();
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("no launcher at " + script);
        }
        return script;
    }

    /** Sends SIGTERM, as {@code kill} and service managers do. */
    public void terminate() {
        process.destroy();
    }

    /** Sends SIGKILL, which nothing can catch. */
    public void kill() {
        process.destroyForcibly();
    }

    /** Waits for the process to end and returns its exit status. */
    public int await(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("mosaic did not end within " + timeout.toSeconds() + " s; err:\n" + err());
        }
        return process.exitValue();
    }

    public String out() {
        return read(out);
    }

    public String err() {
        return read(err);
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
