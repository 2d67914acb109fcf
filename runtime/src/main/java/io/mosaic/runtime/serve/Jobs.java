package io.mosaic.runtime.serve;

import io.mosaic.runtime.train.RunStoppedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs of a serving runtime, worked one at a time in submission order on a thread of their own (runs share the
 * machine's cores, so running two at once would only slow both). A job that fails is marked failed with its reason;
 * the next job runs as usual.
 *
 * <p>A job can be cancelled: a queued one never starts; a running one stops at its run's next step boundary, its run
 * folder {@code cancelled} and resumable. A job that has not stopped {@linkplain #Jobs(Duration, IntSupplier) a while} after
 * being cancelled (a component's forward pass that never returns) is abandoned: marked cancelled, naming the code it
 * is stuck in, and the queue goes on with a new worker thread. The stuck thread cannot be stopped safely from outside
 * (it may be in native code); it is left running, as a daemon that does not keep the process alive, and whatever it
 * returns is ignored.
 */
public final class Jobs implements AutoCloseable {
    /** How long a cancelled job may take to reach a step boundary before it is abandoned, unless configured. */
    public static final Duration ABANDON_AFTER = Duration.ofSeconds(30);
    /** The system property that sets that time (an ISO-8601 duration, {@code PT30S}), for tests. */
    public static final String ABANDON_AFTER_PROPERTY = "mosaic.serve.abandonAfter";

    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);
    /** Packages of Mosaic, the JDK and the engine: a stuck thread's first frame outside them is the plugin's code. */
    private static final List<String> PLATFORM = List.of("java.", "javax.", "jdk.", "sun.", "ai.djl.",
            "io.mosaic.runtime.", "org.apache.felix.", "org.osgi.");

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

    private record Queued(Job job, Work work) {
    }

    private final Duration abandonAfter;
    private final Map<Integer, Job> jobs = new ConcurrentSkipListMap<>();
    private final IntSupplier ids;
    private final AtomicInteger workers = new AtomicInteger();
    private final BlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mosaic-jobs-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;
    /** The thread that works the queue; replaced when the job it works is abandoned. */
    private volatile Thread worker;
    /** The job the worker works, or {@code null}. */
    private volatile Job current;

    /**
     * Jobs whose cancellation may take {@link #ABANDON_AFTER}, or what {@value #ABANDON_AFTER_PROPERTY} sets.
     *
     * @param ids gives each new job its number
     */
    public Jobs(IntSupplier ids) {
        this(Optional.ofNullable(System.getProperty(ABANDON_AFTER_PROPERTY)).map(Duration::parse)
                .orElse(ABANDON_AFTER), ids);
    }

    /**
     * @param abandonAfter how long a cancelled job may take to reach a step boundary before it is abandoned
     * @param ids          gives each new job its number
     */
    public Jobs(Duration abandonAfter, IntSupplier ids) {
        this.abandonAfter = abandonAfter;
        this.ids = ids;
        startWorker();
    }

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
        Job job = new Job(ids.getAsInt(), kind, title);
        jobs.put(job.id(), job);
        queue.add(new Queued(job, work));
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

    /**
     * Cancels job {@code id} (see the class comment).
     *
     * @return the job, or empty when there is none
     * @throws IllegalStateException when the job has ended
     */
    public Optional<Job> cancel(int id) {
        Optional<Job> found = find(id);
        found.ifPresent(job -> {
            JobState before = job.view().state();
            if (before.ended()) {
                throw new IllegalStateException("job " + id + " has ended (" + before.name().toLowerCase(Locale.ROOT)
                        + ")");
            }
            if (job.cancel() == JobState.RUNNING) {
                Thread running = worker;
                watchdog.schedule(() -> abandonIfStuck(job, running), abandonAfter.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
        return found;
    }

    private void abandonIfStuck(Job job, Thread thread) {
        if (job.view().state() != JobState.RUNNING || current != job) {
            return;
        }
        String where = stuckIn(thread).map(frame -> " in " + frame.getClassName() + "." + frame.getMethodName() + "("
                + frame.getFileName() + ":" + frame.getLineNumber() + ")").orElse("");
        LOG.warn("job {} ({}) did not stop within {} s of its cancellation; abandoned{}", job.id(),
                job.view().title(), abandonAfter.toSeconds(), where);
        job.end(JobState.CANCELLED, "cancelled, then abandoned: it did not reach a step boundary within "
                + abandonAfter.toSeconds() + " s; it is stuck" + (where.isEmpty() ? " in a component" : where)
                + " (thread " + thread.getName() + ", left running as a daemon)");
        current = null;
        startWorker();
    }

    /** The first frame of {@code thread} outside Mosaic, the JDK and the engine: the plugin's code it is in. */
    private static Optional<StackTraceElement> stuckIn(Thread thread) {
        return Arrays.stream(thread.getStackTrace())
                .filter(frame -> PLATFORM.stream().noneMatch(frame.getClassName()::startsWith))
                .findFirst();
    }

    private void startWorker() {
        Thread thread = new Thread(this::work, "mosaic-jobs-" + workers.incrementAndGet());
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    private void work() {
        Thread self = Thread.currentThread();
        while (!closed && worker == self) {
            Queued next;
            try {
                next = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (next != null && next.job().started()) {
                current = next.job();
                perform(next.job(), next.work());
                if (current == next.job()) {
                    current = null;
                }
            }
        }
    }

    private void perform(Job job, Work work) {
        try {
            job.completed(work.perform(job));
        } catch (RunStoppedException e) {
            job.end(closed ? JobState.FAILED : JobState.CANCELLED, closed
                    ? "stopped with the runtime before it finished: " + e.getMessage() : e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            if (closed) {
                LOG.info("job {} ({}) stopped with the runtime, unfinished", job.id(), job.view().title());
                job.end(JobState.FAILED, "stopped with the runtime before it finished");
                return;
            }
            LOG.warn("job {} ({}) failed", job.id(), job.view().title(), e);
            job.end(JobState.FAILED, e.getMessage() == null ? e.toString() : e.getMessage());
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
     * Stops taking work: queued jobs are dropped, and a running one is asked to stop at its next step boundary and
     * waited for (as long as a cancellation may take), leaving its run folder {@code interrupted} (its user did not
     * cancel it) and resumable with {@code mosaic run --resume}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Queued> dropped = new ArrayList<>();
        queue.drainTo(dropped);
        dropped.forEach(q -> q.job().end(JobState.FAILED, "the runtime stopped before it started"));
        Job running = current;
        Thread thread = worker;
        if (running != null) {
            running.stopWithRuntime();
        }
        try {
            thread.join(abandonAfter.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watchdog.shutdownNow();
    }
}
