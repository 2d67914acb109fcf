package io.mosaic.runtime.serve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs of a serving runtime, worked one at a time in submission order on a thread of their own (runs share the
 * machine's cores, so running two at once would only slow both). A job that fails is marked failed with its reason;
 * the next job runs as usual.
 */
public final class Jobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);

    /** The work of one job. */
    @FunctionalInterface
    public interface Work {
        /**
         * Does the job, reporting progress to {@code job.progress()}.
         *
         * @return the folder that holds the job's results
         */
        Path perform(Job job);
    }

    private final Map<Integer, Job> jobs = new ConcurrentSkipListMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mosaic-jobs");
        thread.setDaemon(true);
        return thread;
    });

    /** Queues {@code work} as a new job and returns it at once. */
    public Job submit(String kind, String title, Work work) {
        return submit(kind, title, work, Integer.MAX_VALUE);
    }

    /**
     * Queues {@code work} as a new job unless {@code maxPending} jobs are already queued or running.
     *
     * @throws QueueFullException when they are
     */
    public synchronized Job submit(String kind, String title, Work work, int maxPending) {
        requireRoom(maxPending);
        Job job = new Job(ids.incrementAndGet(), kind, title);
        jobs.put(job.id(), job);
        worker.execute(() -> perform(job, work));
        return job;
    }

    /**
     * Returns when fewer than {@code maxPending} jobs are queued or running, so that a request can be refused before
     * any work is done for it.
     *
     * @throws QueueFullException when there are not
     */
    public synchronized void requireRoom(int maxPending) {
        long pending = jobs.values().stream().filter(job -> !job.view().state().ended()).count();
        if (pending >= maxPending) {
            throw new QueueFullException(pending);
        }
    }

    /** A job refused because the queue is full. */
    public static final class QueueFullException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        QueueFullException(long pending) {
            super((pending == 1 ? "1 job is" : pending + " jobs are") + " already queued or running; submit again "
                    + "when one has ended");
        }
    }

    private void perform(Job job, Work work) {
        job.started();
        try {
            job.completed(work.perform(job));
        } catch (RuntimeException | LinkageError e) {
            if (worker.isShutdown()) {
                LOG.info("job {} ({}) stopped with the runtime, unfinished", job.id(), job.view().title());
                job.failed("stopped with the runtime before it finished");
                return;
            }
            LOG.warn("job {} ({}) failed", job.id(), job.view().title(), e);
            job.failed(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** Every job, oldest first. */
    public List<Job> all() {
        return new ArrayList<>(jobs.values());
    }

    public Optional<Job> find(int id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /**
     * Stops taking work: queued jobs are dropped, and a running one is interrupted and left unfinished (its run folder
     * resumes with {@code mosaic run --resume}).
     */
    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
