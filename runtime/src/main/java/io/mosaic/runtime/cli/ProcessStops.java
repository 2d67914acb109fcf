package io.mosaic.runtime.cli;

import io.mosaic.runtime.host.ActiveRuns;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.run.RunStatus;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * How the {@code mosaic} process ends while runs are in progress.
 *
 * <p>Ctrl-C (SIGINT), SIGTERM and SIGHUP ask every run to stop at its next step boundary: the training thread leaves
 * the engine's native code, closes its arrays and marks its {@code run.json} {@code interrupted}, and only then does
 * the process exit, with 128 + the signal's number (130, 143, 129). The JVM's own answer to these signals, running the
 * shutdown hooks and exiting while the training thread may be inside libtorch, crashed the JVM. A second signal exits
 * at once. With no run in progress (and nothing served), a signal exits at once as usual.
 *
 * <p>Any other exit while a run is in progress ({@code System.exit} from a plugin) is recorded in the run's
 * {@code run.json} as a failure naming the caller, and the process exits with {@link ExitCodes#RUN_FAILED} rather than
 * the status the caller chose.
 *
 * <p>The signals are taken over with {@code sun.misc.Signal} (module {@code jdk.unsupported}, kept accessible for
 * this use by JEP 260): the supported API offers shutdown hooks only, which run when the exit is already under way.
 */
final class ProcessStops {
    private static final List<String> SIGNALS = List.of("INT", "TERM", "HUP");
    /** What stops a serving runtime, while one serves. */
    private static final AtomicReference<Runnable> SERVING = new AtomicReference<>();

    private final PrintStream err;
    private final AtomicReference<Signal> first = new AtomicReference<>();

    private ProcessStops(PrintStream err) {
        this.err = err;
    }

    /** Takes over the stop signals and guards exits, for the rest of this process's life. */
    static ProcessStops install(PrintStream err) {
        ProcessStops stops = new ProcessStops(err);
        for (String name : SIGNALS) {
            try {
                Signal.handle(new Signal(name), stops::received);
            } catch (IllegalArgumentException reserved) {
                // The JVM runs with -Xrs, or the system reserves the signal: it keeps its usual effect.
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stops::exiting, "mosaic-exit-guard"));
        return stops;
    }

    /** While open, a stop signal ends a serving runtime. */
    interface Serving extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Lets a stop signal end a serving runtime with {@code stop} (which must wait for the jobs to stop), until the
     * returned handle is closed.
     */
    static Serving whileServing(Runnable stop) {
        SERVING.set(stop);
        return () -> SERVING.compareAndSet(stop, null);
    }

    /** The process's exit status: 128 + the number of the signal that stopped it, else the command's own. */
    int exitStatus(int commandStatus) {
        return Optional.ofNullable(first.get()).map(ProcessStops::status).orElse(commandStatus);
    }

    private void received(Signal signal) {
        if (!first.compareAndSet(null, signal)) {
            ActiveRuns.endAll(RunStatus.INTERRUPTED, "the process was stopped at once (a second stop signal) "
                    + "before the run reached a step boundary; it resumes from its last completed epoch");
            err.println("mosaic: SIG" + signal.getName() + " again: exiting at once");
            err.flush();
            Runtime.getRuntime().halt(status(first.get()));
            return;
        }
        List<RunFolder> stopping = ActiveRuns.requestStop("SIG" + signal.getName());
        Runnable serving = SERVING.get();
        if (stopping.isEmpty() && serving == null) {
            System.exit(status(signal));
            return;
        }
        err.println("mosaic: SIG" + signal.getName() + ": stopping at the next step boundary (press Ctrl-C again "
                + "to exit at once)");
        err.flush();
        if (serving != null) {
            serving.run();
        }
    }

    private void exiting() {
        if (!ActiveRuns.any()) {
            return;
        }
        Signal signal = first.get();
        if (signal != null) {
            // The signal came as a run began: nothing stopped it at a boundary, so record it as a second signal does.
            ActiveRuns.endAll(RunStatus.INTERRUPTED, "stopped (SIG" + signal.getName() + ") as it started; it "
                    + "resumes from its last completed epoch");
            Runtime.getRuntime().halt(status(signal));
            return;
        }
        Optional<StackTraceElement> caller = exitCaller();
        if (caller.map(frame -> frame.getClassName().equals(MosaicCli.class.getName())).orElse(false)) {
            // Mosaic's own exit, with a run still going: a serve job abandoned in a component that never returned.
            ActiveRuns.endAll(RunStatus.INTERRUPTED, "the runtime stopped while the run was stuck in a component");
            return;
        }
        String cause = "the process was made to exit during the run (" + caller.map(frame -> "System.exit called by "
                + frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
                + frame.getLineNumber() + ")").orElse("an exit from outside Mosaic") + ")";
        List<RunFolder> failed = ActiveRuns.endAll(RunStatus.FAILED, cause);
        failed.forEach(folder -> err.println("error: run " + folder.path() + " failed: " + cause));
        err.flush();
        Runtime.getRuntime().halt(ExitCodes.RUN_FAILED);
    }

    /** Who called {@code System.exit}: the frame below it on the thread that waits in it. */
    static Optional<StackTraceElement> exitCaller() {
        for (StackTraceElement[] frames : Thread.getAllStackTraces().values()) {
            for (int i = frames.length - 2; i >= 0; i--) {
                if (isExit(frames[i])) {
                    return Optional.of(frames[i + 1]);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isExit(StackTraceElement frame) {
        return frame.getMethodName().equals("exit") && (frame.getClassName().equals(System.class.getName())
                || frame.getClassName().equals(Runtime.class.getName()));
    }

    private static int status(Signal signal) {
        return 128 + signal.getNumber();
    }
}
