package io.mosaic.runtime.engine.spark;

import io.mosaic.runtime.engine.RunEngine;
import io.mosaic.runtime.engine.RunOutcome;
import io.mosaic.runtime.engine.RunTask;
import io.mosaic.runtime.train.RunStoppedException;
import io.mosaic.runtime.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Trains runs as Apache Spark tasks, one task per run, as many at once as the master runs tasks. The driver is this
 * process, outside the OSGi framework (no bundle sees Spark's classes); each task hands its run to a worker process
 * on its node (see {@link WorkerProcess} for why a run needs a process of its own), which writes the run's folder in
 * the shared runs folder, and returns how the run ended. Progress is read from the run folders.
 */
public final class SparkEngine implements RunEngine {
    /** How often the driver reads the runs' progress. */
    private static final long POLL_MILLIS = 1000;
    /** How long a stop waits for the workers' runs to reach a step boundary and record themselves interrupted. */
    private static final long STOP_WAIT_MILLIS = 150_000;

    private final SparkMaster master;
    private final WorkerSpec spec;
    private final AtomicReference<String> stop = new AtomicReference<>();
    private JavaSparkContext context;

    public SparkEngine(SparkMaster master, WorkerSpec spec) {
        this.master = master;
        this.spec = spec;
    }

    @Override
    public List<RunOutcome> runAll(List<RunTask> tasks, TrainingListener listener) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        JavaSparkContext spark = context(listener);
        String group = "mosaic-" + UUID.randomUUID();
        spark.setJobGroup(group, tasks.size() + " Mosaic runs", true);
        JavaFutureAction<List<WorkerProtocol.Reply>> job = spark
                .parallelize(tasks.stream().map(TaskRequest::of).toList(), tasks.size())
                .map(new RunOnWorker(spec, master.attempts()))
                .collectAsync();
        RunProgress progress = new RunProgress(tasks);
        List<WorkerProtocol.Reply> replies = await(job, spark, group, progress, listener);
        progress.poll(listener);
        List<RunOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            outcomes.add(outcome(tasks.get(i), replies.get(i)));
        }
        return outcomes;
    }

    /** {@code reply} as the task's outcome; a stopped run stops the batch. */
    static RunOutcome outcome(RunTask task, WorkerProtocol.Reply reply) {
        return switch (reply.outcome()) {
            case COMPLETED -> RunOutcome.completed(task);
            case FAILED -> RunOutcome.failed(task, reply.error());
            case STOPPED -> throw RunStoppedException.at(reply.error(), "a step boundary of " + task.label())
                    .in(task.folder());
        };
    }

    private List<WorkerProtocol.Reply> await(JavaFutureAction<List<WorkerProtocol.Reply>> job, JavaSparkContext spark,
                                             String group, RunProgress progress, TrainingListener listener) {
        while (true) {
            Optional<String> reason = Optional.ofNullable(stop.get()).or(listener::stopRequested);
            if (reason.isPresent()) {
                spark.cancelJobGroup(group);
                awaitStopped(progress, listener);
                throw RunStoppedException.at(reason.get(), "the runs' next step boundaries; each run records it "
                        + "in its run.json, and --resume GROUP continues its seed group");
            }
            try {
                return job.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                progress.poll(listener);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop.compareAndSet(null, "interrupted");
            } catch (CancellationException e) {
                stop.compareAndSet(null, "cancelled");
            } catch (ExecutionException e) {
                throw new IllegalStateException("the Spark job failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    /** Waits until no run records itself running: each stopped worker brought its run to a step boundary. */
    private static void awaitStopped(RunProgress progress, TrainingListener listener) {
        long deadline = System.currentTimeMillis() + STOP_WAIT_MILLIS;
        while (progress.anyRunning() && System.currentTimeMillis() < deadline) {
            progress.poll(listener);
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        progress.poll(listener);
    }

    /** The Spark context, started on first use, with its UI's address told to {@code listener}. */
    private JavaSparkContext context(TrainingListener listener) {
        if (context == null) {
            long started = System.nanoTime();
            context = new JavaSparkContext(conf(master, spec));
            context.setLogLevel("WARN");
            listener.message(String.format(Locale.ROOT, "Spark %s on %s started in %.1f s; %d runs at "
                            + "once, %d engine thread(s) each; Spark's UI: %s", context.version(), master.sparkUrl(),
                    (System.nanoTime() - started) / 1e9, context.defaultParallelism(), spec.threads(),
                    context.sc().uiWebUrl().getOrElse(() -> "off (spark.ui.enabled=false)")));
        }
        return context;
    }

    /**
     * Spark's settings: the master with its task attempts, no console progress bar (Mosaic prints each run's
     * progress), and on a cluster the executors' class path from the Mosaic installation on each node. Any
     * {@code -Dspark.*} system property given to this JVM is kept.
     */
    static SparkConf conf(SparkMaster master, WorkerSpec spec) {
        SparkConf conf = new SparkConf(true).setMaster(master.sparkUrl()).setAppName("mosaic")
                .set("spark.ui.showConsoleProgress", "false")
                .setIfMissing("spark.task.maxFailures", Integer.toString(master.attempts()));
        if (master.local()) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        } else {
            conf.setIfMissing("spark.executor.extraClassPath", Path.of(spec.home(), "lib") + "/*");
        }
        return conf;
    }

    @Override
    public int parallelism() {
        return master.local() ? master.localRuns() : context == null ? 1 : context.defaultParallelism();
    }

    @Override
    public void stop() {
        stop.compareAndSet(null, "SIGINT");
    }

    @Override
    public void close() {
        if (context != null) {
            context.stop();
            context = null;
        }
        WorkerPool.closeIdle();
    }
}
