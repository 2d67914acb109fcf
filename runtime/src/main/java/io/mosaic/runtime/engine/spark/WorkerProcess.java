package io.mosaic.runtime.engine.spark;

import io.mosaic.runtime.engine.RunTask;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A worker process: a JVM of the Mosaic installation running {@code mosaic worker}, which boots one Mosaic runtime
 * (embedded Felix, the same bundles and plugins folder) and trains the runs it is sent, one at a time. A run needs a
 * process of its own because libtorch's random generator and its intra-op thread count are the process's: two runs in
 * one JVM would draw from one generator, and their results would depend on how their steps interleaved.
 */
final class WorkerProcess {
    /** How long a stopped worker gets to bring its run to a step boundary and record it before it is killed. */
    private static final long STOP_SECONDS = 120;

    private final Process process;
    private final BufferedWriter requests;
    private final Path log;
    /** The replies, then an empty value when the worker's output ended. */
    private final BlockingQueue<Optional<WorkerProtocol.Reply>> replies = new LinkedBlockingQueue<>();
    private volatile String protocolError;

    private WorkerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(this::readReplies, "mosaic-worker-" + process.pid() + "-replies");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a worker of {@code spec}; its error stream (its progress and messages) goes to a log file in the
     * temporary folder, kept when the worker ends otherwise than as asked.
     */
    static WorkerProcess start(WorkerSpec spec) {
        try {
            Path log = Files.createTempFile("mosaic-worker-", ".log");
            ProcessBuilder builder = new ProcessBuilder(spec.command())
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(spec.environment());
            Process process = builder.start();
            // The log of a worker that ended as asked (at the end of its input) has nothing left to tell.
            process.onExit().thenAccept(ended -> {
                if (ended.exitValue() == 0) {
                    try {
                        Files.deleteIfExists(log);
                    } catch (IOException e) {
                        // A log that stays is harmless.
                    }
                }
            });
            return new WorkerProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a Mosaic worker process from " + spec.home()
                    + " (is Mosaic installed there on this node?)", e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * Trains {@code task} in this worker and waits for its reply.
     *
     * @return the reply; empty when the worker ended (it died or was killed) before replying
     * @throws InterruptedException when the waiting thread was interrupted (a Spark task killed): the worker is then
     *                              stopped, its run at a step boundary, before this throws
     */
    Optional<WorkerProtocol.Reply> run(RunTask task) throws InterruptedException {
        try {
            requests.write(WorkerProtocol.request(task));
            requests.newLine();
            requests.flush();
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            Optional<WorkerProtocol.Reply> reply = replies.take();
            if (reply.isEmpty() && protocolError != null) {
                throw new IllegalStateException("worker process " + pid() + " broke the protocol: " + protocolError);
            }
            return reply;
        } catch (InterruptedException e) {
            stop();
            throw e;
        }
    }

    /**
     * Stops the worker as Ctrl-C would (SIGTERM: its run stops at the next step boundary and records itself
     * interrupted), and waits for it to exit; kills it if it does not in time.
     */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Ends an idle worker: the end of its input ends its loop. */
    void close() {
        try {
            requests.close();
        } catch (IOException e) {
            process.destroy();
        }
    }

    /** Why the worker ended before replying, for the task's error. */
    String ended() {
        String exit = process.isAlive() ? "still running" : "exit status " + process.exitValue();
        return "worker process " + pid() + " ended (" + exit + ") before the run did; its log is " + log;
    }

    private void readReplies() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (Optional<String> line = WorkerProtocol.readLine(out); line.isPresent();
                 line = WorkerProtocol.readLine(out)) {
                try {
                    WorkerProtocol.parseReply(line.get()).ifPresent(reply -> replies.add(Optional.of(reply)));
                } catch (IllegalArgumentException e) {
                    protocolError = e.getMessage();
                    process.destroyForcibly();
                    break;
                }
            }
        } catch (IOException e) {
            // The worker's output closed as it died: the task hears it as an ended worker.
        }
        replies.add(Optional.empty());
    }
}
