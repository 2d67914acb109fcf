package io.mosaic.runtime.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntToDoubleFunction;

/**
 * Runs an evaluation's batches on several threads at once ({@code train.eval-workers}). The threads are the process's,
 * kept between evaluations (libtorch and MKL set up per-thread state on a thread's first operations) and ended after a
 * minute without work. Each worker takes the next batch not yet taken until none is left, or until a batch has failed.
 */
final class EvaluationWorkers {
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(EvaluationThread::new);

    private EvaluationWorkers() {
    }

    /**
     * {@code batch} of every index below {@code count}, computed on {@code workers} threads, each prepared by
     * {@code prepare} before its first batch. Returns once every worker has ended, as the batches' arrays may live in
     * a manager the caller closes next.
     *
     * @throws RuntimeException the first failure of a batch, by worker; no later batch is started after it
     */
    static double[] run(int count, int workers, Runnable prepare, IntToDoubleFunction batch) {
        double[] results = new double[count];
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        List<Future<?>> running = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            running.add(THREADS.submit(() -> {
                prepare.run();
                for (int b = next.getAndIncrement(); b < count && !failed.get(); b = next.getAndIncrement()) {
                    try {
                        results[b] = batch.applyAsDouble(b);
                    } catch (RuntimeException | Error e) {
                        failed.set(true);
                        throw e;
                    }
                }
            }));
        }
        Throwable failure = null;
        boolean interrupted = false;
        for (Future<?> worker : running) {
            while (true) {
                try {
                    worker.get();
                    break;
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    failed.set(true); // no new batch; the ones under way end before this returns
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException cause) {
            throw cause;
        }
        if (failure instanceof Error cause) {
            throw cause;
        }
        if (interrupted) {
            throw new TrainingException("interrupted while evaluating");
        }
        return results;
    }

    /** A daemon thread of the pool, named for thread dumps. */
    private static final class EvaluationThread extends Thread {
        private static final AtomicInteger COUNT = new AtomicInteger();

        EvaluationThread(Runnable work) {
            super(work, "mosaic-evaluation-" + COUNT.incrementAndGet());
            setDaemon(true);
        }
    }
}
