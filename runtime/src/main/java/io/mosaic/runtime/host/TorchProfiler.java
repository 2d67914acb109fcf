package io.mosaic.runtime.host;

import ai.djl.pytorch.jni.JniUtils;
import io.mosaic.runtime.run.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * libtorch's own profiler around a piece of work: every operator libtorch runs for it is recorded with its thread,
 * start and duration, and written as a Chrome trace, a JSON list of complete events ({@code "ph": "X"}, times in
 * microseconds) that {@code bench/profile_compare.py} reads. Only one recording can be under way in a process.
 */
public final class TorchProfiler {

    private TorchProfiler() {
    }

    /**
     * Runs {@code work} under the profiler (CPU events only; no input shapes and no memory events, which would slow
     * it further) and writes its events to {@code trace}, atomically. When {@code work} throws, the profiler is
     * stopped and its events are discarded.
     */
    public static void record(Path trace, Runnable work) {
        Engines.engine();
        JniUtils.startProfile(false, false, false);
        boolean[] stopped = {false};
        try {
            work.run();
            AtomicFiles.writeAt(trace, file -> {
                stopped[0] = true;
                JniUtils.stopProfile(file.toString());
            });
        } catch (RuntimeException | Error e) {
            if (!stopped[0]) {
                try {
                    discard();
                } catch (RuntimeException discarding) {
                    e.addSuppressed(discarding);
                }
            }
            throw e;
        }
    }

    /** Stops the profiler, its events written to a temporary file that is deleted. */
    private static void discard() {
        try {
            Path nowhere = Files.createTempFile("mosaic-profile", ".json");
            try {
                JniUtils.stopProfile(nowhere.toString());
            } finally {
                Files.deleteIfExists(nowhere);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop libtorch's profiler: " + AtomicFiles.reason(e), e);
        }
    }
}
