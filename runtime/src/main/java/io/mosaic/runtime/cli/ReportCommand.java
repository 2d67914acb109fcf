package io.mosaic.runtime.cli;

import io.mosaic.runtime.report.Reports;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Writes a run's, a seed group's runs' or a comparison's page again from its folder. */
@Command(name = "report", description = "Write report.html again from a run folder (each run's of a seed group; "
        + "comparison.html of a comparison), e.g. for runs made before an upgrade.")
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StackTraceOption stackTrace;

    @Parameters(index = "0", paramLabel = "FOLDER", description = "A run folder, a seed group or a comparison, "
            + "e.g. runs/baseline-20250101-120000.")
    Path folder;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        List<Path> pages = Reports.regenerate(folder);
        PrintWriter out = spec.commandLine().getOut();
        pages.forEach(page -> out.println(page));
        out.printf(Locale.ROOT, "%d page%s written in %.2f s%n", pages.size(), pages.size() == 1 ? "" : "s",
                (System.nanoTime() - started) / 1e9);
        out.flush();
        return ExitCodes.OK;
    }
}
