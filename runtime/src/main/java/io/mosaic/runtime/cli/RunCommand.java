package io.mosaic.runtime.cli;

import com.google.inject.Inject;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.host.AssemblyService;
import io.mosaic.runtime.engine.RunEngine;
import io.mosaic.runtime.host.RunService;
import io.mosaic.runtime.host.RuntimeOptions;
import io.mosaic.runtime.run.GroupFiles;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.metrics.MeanStd;
import io.mosaic.runtime.run.RunSummary;
import io.mosaic.runtime.run.SeedSummary;
import io.mosaic.runtime.run.VariantPlan;
import io.mosaic.runtime.text.Table;
import io.mosaic.runtime.train.TrainingListener;
import io.mosaic.runtime.variants.Grid;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Trains and evaluates an assembly. */
@Command(name = "run", description = "Train an assembly, select on the validation split, report the test split.")
public final class RunCommand implements Callable<Integer> {
    private final AssemblyService assemblies;
    private final RunService runs;
    private final RuntimeOptions options;

    @Spec
    CommandSpec spec;

    @Mixin
    StackTraceOption stackTrace;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ASSEMBLY",
            description = "An installed assembly's name or a YAML file; with --resume RUN_FOLDER, the run's own.")
    String assembly;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a value of the assembly, e.g. --set train.epochs=3 --set data.preset=tiny.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--resume", arity = "0..1", paramLabel = "RUN_FOLDER", fallbackValue = "",
            description = "Resume a killed run from its last checkpoint, with the assembly and settings its folder "
                    + "records: the given run folder, or the newest unfinished run of ASSEMBLY.")
    String resume;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "1",
            description = "Train with N seeds (the assembly's seed and the next ones) on the same data and report "
                    + "each metric as mean ± std; with --resume GROUP, continue a seed group (default ${DEFAULT-VALUE}). "
                    + "With --vary, every variant trains with these seeds, in one group.")
    int seeds;

    @Mixin
    VaryOption vary;

    @Mixin
    EngineOption engine;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Inject
    RunCommand(AssemblyService assemblies, RunService runs, RuntimeOptions options) {
        this.assemblies = assemblies;
        this.runs = runs;
        this.options = options;
    }

    @Override
    public Integer call() throws Exception {
        if (seeds < 1) {
            throw new ParameterException(spec.commandLine(), "--seeds must be at least 1, found " + seeds);
        }
        TrainingListener listener = ConsoleProgress.unless(quiet, spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        boolean resumeGiven = resume != null && !resume.isEmpty();
        Grid grid = vary.grid(spec, overrides);
        if (!grid.isEmpty()) {
            if (assembly == null || (resume != null && !resumeGiven)) {
                throw new ParameterException(spec.commandLine(), "--vary runs a group of variants: give the ASSEMBLY, "
                        + "and with --resume the GROUP folder");
            }
            Optional<Path> group = resumeGiven ? Optional.of(Path.of(resume)) : Optional.empty();
            try (RunEngine runEngine = engine.open(spec, runs, options);
                 ProcessStops.Serving stops = engine.stopsOnSignal(runEngine)) {
                printVariants(out, runs.runVariants(grid.variants(List.of(assembly)), overrides, seeds, group,
                        runEngine, listener));
            }
            return ExitCodes.OK;
        }
        if (assembly == null && !(resumeGiven && seeds == 1)) {
            throw new ParameterException(spec.commandLine(), "give the ASSEMBLY to run"
                    + (seeds > 1 ? " with its seed group" : ", or --resume RUN_FOLDER alone"));
        }
        if (seeds > 1) {
            Optional<Path> group = resumeGiven ? Optional.of(Path.of(resume)) : Optional.empty();
            try (RunEngine runEngine = engine.open(spec, runs, options);
                 ProcessStops.Serving stops = engine.stopsOnSignal(runEngine)) {
                printSeeds(out, runs.runSeeds(assembly, overrides, seeds, group, runEngine, listener));
            }
            return ExitCodes.OK;
        }
        if (engine.engine != EngineOption.Kind.LOCAL) {
            throw new ParameterException(spec.commandLine(), "--engine spark trains many runs: give --seeds N (2 or "
                    + "more) or --vary");
        }
        if (resume == null) {
            printRun(out, runs.run(assemblies.resolve(assembly, overrides), Optional.empty(), listener));
            return ExitCodes.OK;
        }
        Optional<ResolvedAssembly> requested = assembly == null ? Optional.empty()
                : Optional.of(assemblies.resolve(assembly, overrides));
        Path folder = resumeGiven ? Path.of(resume) : runs.latestUnfinished(requested.orElseThrow().name())
                .orElseThrow(() -> new IllegalArgumentException("--resume: no unfinished run of '" + assembly
                        + "' to resume; give the run folder"));
        if (requested.isEmpty() && !overrides.isEmpty()) {
            requested = Optional.of(assemblies.resolve(folder.resolve(RunFolder.RESOLVED).toString(), overrides));
        }
        printRun(out, runs.resume(folder, requested, listener));
        return ExitCodes.OK;
    }

    private static void printRun(PrintWriter out, RunFolder folder) {
        RunSummary summary = folder.summary();
        out.printf("run folder  %s%n", folder.path());
        out.printf("selected    epoch %d of %d by valid %s%n", summary.bestEpoch(), summary.epochs(),
                summary.selection());
        Table table = new Table(header(summary.domainTests().keySet(), "VALID", "TEST"));
        summary.test().forEach((metric, value) -> {
            List<Object> row = new ArrayList<>(List.of(metric, number(summary.valid().get(metric)), number(value)));
            summary.domainTests().values().forEach(split -> row.add(number(split.get(metric))));
            table.row(row.toArray());
        });
        table.print(out);
        summary.sweeps().forEach((protocol, sweep) -> {
            out.printf("%nsweep %s on the test split%n", protocol);
            List<String> header = new ArrayList<>(List.of("METRIC"));
            sweep.rates().forEach(rate -> header.add(String.format(Locale.ROOT, "%.2f", rate)));
            header.add("AUILC");
            Table curves = new Table(header.toArray(String[]::new));
            sweep.curves().forEach((metric, values) -> {
                List<Object> row = new ArrayList<>(List.of(metric));
                values.forEach(v -> row.add(String.format(Locale.ROOT, "%.3f", v)));
                row.add(String.format(Locale.ROOT, "%.4f", sweep.auilc().getOrDefault(metric, Double.NaN)));
                curves.row(row.toArray());
            });
            curves.print(out);
        });
        if (summary.strength() != null) {
            out.printf(Locale.ROOT, "debiaser    strength %.2f, tuned on the validation split%n", summary.strength());
        }
        out.printf("parameters  %,d   time %.1f s   peak memory %.0f MiB%n", summary.parameters().get("total"),
                summary.seconds(), summary.peakResidentMegabytes());
        out.flush();
    }

    private static void printSeeds(PrintWriter out, RunFolder group) {
        SeedSummary summary = group.readJson(GroupFiles.SEED_SUMMARY_JSON, SeedSummary.class);
        out.printf("seed group  %s (seeds %s)%n", group.path(), summary.seeds());
        Table table = new Table(header(summary.domainTests().keySet(), "VALID MEAN ± STD", "TEST MEAN ± STD"));
        summary.test().forEach((metric, test) -> {
            List<Object> row = new ArrayList<>(List.of(metric, meanStd(summary.valid().get(metric)), meanStd(test)));
            summary.domainTests().values().forEach(split -> row.add(split.containsKey(metric)
                    ? meanStd(split.get(metric)) : "-"));
            table.row(row.toArray());
        });
        table.print(out);
        summary.auilc().forEach((protocol, areas) -> {
            out.printf("%nAUILC of sweep %s on the test split%n", protocol);
            Table auilc = new Table("METRIC", "MEAN ± STD");
            areas.forEach((metric, area) -> auilc.row(metric, meanStd(area)));
            auilc.print(out);
        });
        out.flush();
    }

    /** METRIC, the given columns, then one per domain test split ({@code SOURCE}, {@code TARGET-1}, ...). */
    private static String[] header(Collection<String> domainTests, String... columns) {
        List<String> header = new ArrayList<>(List.of("METRIC"));
        header.addAll(List.of(columns));
        domainTests.forEach(split -> header.add(split.toUpperCase(Locale.ROOT)));
        return header.toArray(String[]::new);
    }

    private static String number(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** Each variant's test metrics side by side, then its AUILC per sweep. */
    private static void printVariants(PrintWriter out, RunFolder group) {
        List<VariantPlan.Entry> variants = group.readJson(GroupFiles.VARIANTS_JSON, VariantPlan.class).variants();
        List<SeedSummary> summaries = variants.stream().map(v -> RunFolder.named(group.path(), v.group())
                .readJson(GroupFiles.SEED_SUMMARY_JSON, SeedSummary.class)).toList();
        out.printf("variants    %s (seeds %s)%n", group.path(), summaries.get(0).seeds());
        out.println("test split: mean ± std over the seeds");
        List<String> header = new ArrayList<>(List.of("METRIC"));
        variants.forEach(v -> header.add(v.variant()));
        Table table = new Table(header.toArray(String[]::new));
        summaries.get(0).test().keySet().forEach(metric -> table.row(row(metric, summaries,
                s -> s.test().get(metric))));
        table.print(out);
        summaries.get(0).domainTests().forEach((split, metrics) -> {
            out.printf("%n%s test split: mean ± std over the seeds%n", split);
            Table domain = new Table(header.toArray(String[]::new));
            metrics.keySet().forEach(metric -> domain.row(row(metric, summaries,
                    s -> s.domainTests().getOrDefault(split, Map.of()).get(metric))));
            domain.print(out);
        });
        summaries.get(0).auilc().forEach((protocol, areas) -> {
            out.printf("%nAUILC of sweep %s on the test split%n", protocol);
            Table auilc = new Table(header.toArray(String[]::new));
            areas.keySet().forEach(metric -> auilc.row(row(metric, summaries,
                    s -> s.auilc().getOrDefault(protocol, Map.of()).get(metric))));
            auilc.print(out);
        });
        out.flush();
    }

    private static Object[] row(String label, List<SeedSummary> summaries, Function<SeedSummary, MeanStd> cell) {
        List<Object> row = new ArrayList<>(List.of(label));
        summaries.forEach(summary -> {
            MeanStd value = cell.apply(summary);
            row.add(value == null ? "-" : meanStd(value));
        });
        return row.toArray();
    }

    private static String meanStd(MeanStd value) {
        return String.format(Locale.ROOT, "%.4f ± %.4f", value.mean(), value.std());
    }
}
