package io.mosaic.runtime.engine.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The worker processes of this JVM (an executor; in local mode, the driver), kept between its tasks so that a
 * runtime boots once per worker rather than once per run. A task borrows an idle worker of its spec, or starts one,
 * and gives it back when its run ended; a worker that died or was stopped is dropped.
 */
final class WorkerPool {
    private static final Map<WorkerSpec, Deque<WorkerProcess>> IDLE = new HashMap<>();
    private static final Set<WorkerProcess> ALL = new HashSet<>();

    private WorkerPool() {
    }

    static WorkerProcess borrow(WorkerSpec spec) {
        synchronized (IDLE) {
            Deque<WorkerProcess> idle = IDLE.computeIfAbsent(spec, s -> new ArrayDeque<>());
            while (!idle.isEmpty()) {
                WorkerProcess worker = idle.pop();
                if (worker.alive()) {
                    return worker;
                }
                ALL.remove(worker);
            }
        }
        WorkerProcess started = WorkerProcess.start(spec);
        synchronized (IDLE) {
            ALL.add(started);
        }
        return started;
    }

    static void giveBack(WorkerSpec spec, WorkerProcess worker) {
        synchronized (IDLE) {
            if (worker.alive()) {
                IDLE.computeIfAbsent(spec, s -> new ArrayDeque<>()).push(worker);
            } else {
                ALL.remove(worker);
            }
        }
    }

    static void drop(WorkerProcess worker) {
        synchronized (IDLE) {
            ALL.remove(worker);
            IDLE.values().forEach(idle -> idle.remove(worker));
        }
    }

    /** Ends the idle workers (the busy ones are their tasks' to stop). */
    static void closeIdle() {
        synchronized (IDLE) {
            IDLE.values().forEach(idle -> {
                idle.forEach(WorkerProcess::close);
                idle.forEach(ALL::remove);
                idle.clear();
            });
        }
    }
}
