package io.mosaic.runtime.cli;

import com.google.inject.Inject;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.host.AssemblyService;
import io.mosaic.runtime.host.RunService;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.run.RunSummary;
import io.mosaic.runtime.train.TrainingListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Trains and evaluates an assembly. */
@Command(name = "run", description = "Train an assembly, select on the validation split, report the test split.")
public final class RunCommand implements Callable<Integer> {
    private final AssemblyService assemblies;
    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    AssemblyArguments arguments;

    @Option(names = "--resume", arity = "0..1", paramLabel = "RUN_FOLDER", fallbackValue = "",
            description = "Resume a killed run from its last checkpoint: the given run folder, or the newest "
                    + "unfinished run of this assembly.")
    String resume;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Inject
    RunCommand(AssemblyService assemblies, RunService runs) {
        this.assemblies = assemblies;
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        ResolvedAssembly assembly = assemblies.resolve(arguments.assembly, arguments.overrides);
        Optional<Path> resumeFolder = resumeFolder(assembly.name());
        ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), System.console() != null);
        RunFolder folder = runs.run(assembly, resumeFolder, quiet ? TrainingListener.SILENT : progress);
        RunSummary summary = folder.summary();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("run folder  %s%n", folder.path());
        out.printf("selected    epoch %d of %d by valid %s%n", summary.bestEpoch(), summary.epochs(),
                summary.selection());
        Table table = new Table("METRIC", "VALID", "TEST");
        summary.test().forEach((metric, value) -> table.row(metric,
                String.format(Locale.ROOT, "%.4f", summary.valid().get(metric)),
                String.format(Locale.ROOT, "%.4f", value)));
        table.print(out);
        out.printf("parameters  %,d   time %.1f s   peak memory %.0f MiB%n", summary.parameters().get("total"),
                summary.seconds(), summary.peakResidentMegabytes());
        out.flush();
        return ExitCodes.OK;
    }

    private Optional<Path> resumeFolder(String assembly) {
        if (resume == null) {
            return Optional.empty();
        }
        if (!resume.isEmpty()) {
            return Optional.of(Path.of(resume));
        }
        return Optional.of(runs.latestUnfinished(assembly).orElseThrow(() -> new IllegalArgumentException(
                "--resume: no unfinished run of '" + assembly + "' to resume; give the run folder")));
    }
}
