package io.mosaic.runtime.data.export;

import io.mosaic.runtime.data.Sample;
import io.mosaic.runtime.data.Split;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Hands a split's samples to a consumer in index order. With more than one thread, samples are computed ahead in
 * parallel, at most {@value #AHEAD_PER_THREAD} per thread, so memory stays bounded; with one thread they are computed
 * on the caller's thread.
 */
final class SampleFeed implements AutoCloseable {
    private static final int AHEAD_PER_THREAD = 4;

    /** Consumes one sample; it may write to a file. */
    @FunctionalInterface
    interface SampleConsumer {
        void accept(Sample sample) throws IOException;
    }

    private final ExecutorService executor;
    private final int ahead;

    private SampleFeed(ExecutorService executor, int ahead) {
        this.executor = executor;
        this.ahead = ahead;
    }

    /** @throws IllegalArgumentException when {@code threads} is below 1 */
    static SampleFeed withThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("samples need at least 1 thread, got " + threads);
        }
        if (threads == 1) {
            return new SampleFeed(null, 0);
        }
        ExecutorService executor = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "mosaic-samples");
            thread.setDaemon(true);
            return thread;
        });
        return new SampleFeed(executor, AHEAD_PER_THREAD * threads);
    }

    void forEach(Split split, SampleConsumer consumer) throws IOException {
        if (executor == null) {
            for (int i = 0; i < split.size(); i++) {
                consumer.accept(split.sample(i));
            }
            return;
        }
        Deque<Future<Sample>> pending = new ArrayDeque<>();
        int next = 0;
        for (int i = 0; i < split.size(); i++) {
            for (; next < split.size() && next < i + ahead; next++) {
                int index = next;
                pending.add(executor.submit(() -> split.sample(index)));
            }
            consumer.accept(result(pending.remove()));
        }
    }

    /** The sample a task computed; its failure is rethrown as it was thrown. */
    private static Sample result(Future<Sample> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing samples", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("computing a sample failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
