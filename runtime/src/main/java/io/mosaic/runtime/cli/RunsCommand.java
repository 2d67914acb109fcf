package io.mosaic.runtime.cli;

import com.google.inject.Inject;
import io.mosaic.runtime.history.PastRun;
import io.mosaic.runtime.history.ResultsCsv;
import io.mosaic.runtime.history.RunHistory;
import io.mosaic.runtime.host.RuntimeOptions;
import io.mosaic.runtime.metrics.MeanStd;
import io.mosaic.runtime.run.RunStatus;
import io.mosaic.runtime.text.Table;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Lists the past runs and seed groups under the runs folder. */
@Command(name = "runs", description = "List the runs and seed groups under the runs folder, newest first: assembly, "
        + "state, date, the selection metric on the validation and test splits, and how long each trained.")
public final class RunsCommand implements Callable<Integer> {
    private static final List<String> STATES = List.of(RunStatus.COMPLETED, RunStatus.FAILED,
            RunStatus.INTERRUPTED, RunStatus.CANCELLED, RunStatus.RUNNING, PastRun.UNREADABLE);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    /** The most characters of a name or message shown. */
    private static final int SHOWN = 200;
    private static final String ABSENT = "-";

    private final RuntimeOptions options;

    @Spec
    CommandSpec spec;

    @Mixin
    StackTraceOption stackTrace;

    @Option(names = "--assembly", paramLabel = "NAME", description = "Only the runs of this assembly.")
    String assembly;

    @Option(names = "--state", paramLabel = "STATE",
            description = "Only runs in this state: completed, failed, interrupted, cancelled, running or "
                    + "unreadable.")
    String state;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "Also write the listed completed runs and seed groups as a wide results table: a row per "
                    + "run or group, every test metric (mean and std over a group's seeds).")
    Path csv;

    @Inject
    RunsCommand(RuntimeOptions options) {
        this.options = options;
    }

    @Override
    public Integer call() {
        if (state != null && !STATES.contains(state)) {
            throw new ParameterException(spec.commandLine(), "--state must be one of " + String.join(", ", STATES)
                    + ", found '" + shown(state) + "'");
        }
        List<PastRun> runs = RunHistory.list(options.runs()).stream()
                .filter(run -> assembly == null || assembly.equals(run.assembly()))
                .filter(run -> state == null || state.equals(run.state())).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (runs.isEmpty()) {
            out.printf("no runs%s under %s%n", assembly != null || state != null ? " match" : "", options.runs());
        } else {
            Table table = new Table("NAME", "ASSEMBLY", "STATE", "DATE", "SELECTED (VALID)", "TEST", "DURATION");
            for (PastRun run : runs) {
                table.row(shown(run.name()), run.assembly() == null ? ABSENT : shown(run.assembly()), run.state(),
                        run.started() == null ? ABSENT : DATE.format(run.started()), metric(run, run.valid()),
                        metric(run, run.test()), duration(run.seconds()));
            }
            table.print(out);
            runs.stream().filter(run -> run.problem() != null)
                    .forEach(run -> out.printf("unreadable %s: %s%n", shown(run.name()), shown(run.problem())));
        }
        if (csv != null) {
            ResultsCsv.write(csv, runs);
            out.printf("results     %s%n", csv);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** {@code mae 0.8123}, or over a group's seeds {@code mae 0.8123 ± 0.0100}. */
    private static String metric(PastRun run, Map<String, List<Double>> split) {
        MeanStd value = run.selected(split);
        if (value == null) {
            return ABSENT;
        }
        String name = shown(run.selection());
        return run.group() ? String.format(Locale.ROOT, "%s %.4f ± %.4f", name, value.mean(), value.std())
                : String.format(Locale.ROOT, "%s %.4f", name, value.mean());
    }

    /** {@code 42.0s}, {@code 3m 05s}, {@code 2h 07m}. */
    static String duration(Double seconds) {
        if (seconds == null || seconds.isNaN() || seconds < 0) {
            return ABSENT;
        }
        long whole = Math.round(seconds);
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        if (whole < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", whole / 60, whole % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", whole / 3600, whole / 60 % 60);
    }

    /** Text from a folder or file as the console shows it: control characters as {@code ?}, long text cut. */
    private static String shown(String text) {
        StringBuilder shown = new StringBuilder();
        text.codePoints().limit(SHOWN).forEach(c -> shown.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return text.codePointCount(0, text.length()) > SHOWN ? shown + "…" : shown.toString();
    }
}
