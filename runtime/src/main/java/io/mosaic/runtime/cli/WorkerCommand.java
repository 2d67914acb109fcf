package io.mosaic.runtime.cli;

import com.google.inject.Inject;
import io.mosaic.runtime.engine.RunTask;
import io.mosaic.runtime.engine.spark.WorkerProtocol;
import io.mosaic.runtime.engine.spark.WorkerProtocol.Outcome;
import io.mosaic.runtime.engine.spark.WorkerProtocol.Reply;
import io.mosaic.runtime.host.RunService;
import io.mosaic.runtime.train.RunStoppedException;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code mosaic worker} (hidden): the worker process of the spark engine. Reads one run request per line on standard
 * input, trains it in this process's runtime (booted once, kept for every run), and answers one line per run on
 * standard output (see {@link WorkerProtocol}); its progress goes to standard error. Anything else that would print
 * to standard output prints to standard error instead, so that the replies stay the only lines there. Ends at the end
 * of its input, or when SIGTERM stopped its run (which its folder records interrupted); SIGINT is ignored.
 */
@Command(name = "worker", hidden = true,
        description = "Train the runs of a Spark task, one request per line on standard input (internal).")
final class WorkerCommand implements Callable<Integer> {
    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Inject
    WorkerCommand(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() throws IOException {
        // A terminal's Ctrl-C reaches every process of its group, this worker too; the task that started it stops it
        // instead (SIGTERM, once the Spark job is cancelled), so that its run gets one stop request, not two.
        try {
            Signal.handle(new Signal("INT"), SignalHandler.SIG_IGN);
        } catch (IllegalArgumentException reserved) {
            // The JVM runs with -Xrs: a Ctrl-C then ends the worker, and the task's next attempt resumes its run.
        }
        PrintStream replies = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        PrintWriter err = spec.commandLine().getErr();
        ConsoleProgress progress = new ConsoleProgress(err, false);
        BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (Optional<String> line = WorkerProtocol.readLine(requests); line.isPresent();
             line = WorkerProtocol.readLine(requests)) {
            if (line.get().isBlank()) {
                continue;
            }
            Reply reply = train(line.get(), progress);
            replies.println(WorkerProtocol.reply(reply));
            if (reply.outcome() == Outcome.STOPPED) {
                return ExitCodes.STOPPED;
            }
        }
        return ExitCodes.OK;
    }

    private Reply train(String line, ConsoleProgress progress) {
        RunTask task;
        try {
            task = WorkerProtocol.parseRequest(line);
        } catch (IllegalArgumentException e) {
            return new Reply(Outcome.FAILED, "the worker could not read its request: " + e.getMessage());
        }
        try {
            progress.message(task.label() + " in " + task.folder());
            runs.runTask(task, progress);
            return new Reply(Outcome.COMPLETED, null);
        } catch (RunStoppedException e) {
            return new Reply(Outcome.STOPPED, e.reason());
        } catch (RuntimeException | Error e) {
            // The run recorded its failure in its folder (run.json, failure.txt).
            return new Reply(Outcome.FAILED, String.valueOf(e.getMessage()));
        }
    }
}
