package io.mosaic.runtime.engine.spark;

import io.mosaic.runtime.engine.RunTask;
import java.util.Optional;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

/**
 * A Spark task: trains one run in a worker process borrowed from this executor's pool, and returns the worker's
 * reply. A worker that died (killed, out of memory) makes the task throw, so that Spark tries it again, and the next
 * attempt resumes the run from its last checkpoint in the same folder; a run that failed on its own (its component
 * threw) returns a failed reply and is not tried again. On the task's last attempt a dead worker fails the run too,
 * so that it fails alone rather than the whole job.
 */
final class RunOnWorker implements Function<TaskRequest, WorkerProtocol.Reply> {
    private static final long serialVersionUID = 1L;

    private final WorkerSpec spec;
    private final int attempts;

    RunOnWorker(WorkerSpec spec, int attempts) {
        this.spec = spec;
        this.attempts = attempts;
    }

    @Override
    public WorkerProtocol.Reply call(TaskRequest request) throws InterruptedException {
        RunTask task = request.task();
        WorkerProcess worker = WorkerPool.borrow(spec);
        Optional<WorkerProtocol.Reply> reply;
        try {
            reply = worker.run(task);
        } catch (InterruptedException | RuntimeException e) {
            WorkerPool.drop(worker);
            throw e;
        }
        if (reply.isPresent() && reply.get().outcome() != WorkerProtocol.Outcome.STOPPED) {
            WorkerPool.giveBack(spec, worker);
            return reply.get();
        }
        WorkerPool.drop(worker);
        if (reply.isPresent()) {
            return reply.get();
        }
        String ended = task.label() + ": " + worker.ended();
        TaskContext context = TaskContext.get();
        if (context != null && context.attemptNumber() + 1 >= attempts) {
            return new WorkerProtocol.Reply(WorkerProtocol.Outcome.FAILED, ended + " (attempt " + attempts + " of "
                    + attempts + ")");
        }
        throw new IllegalStateException(ended + "; Spark tries the task again, and the run resumes from its last "
                + "checkpoint");
    }
}
