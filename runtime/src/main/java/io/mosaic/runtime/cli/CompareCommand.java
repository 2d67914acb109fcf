package io.mosaic.runtime.cli;

import com.google.inject.Inject;
import io.mosaic.runtime.assembly.yaml.Fragment;
import io.mosaic.runtime.compare.AssemblyComparison;
import io.mosaic.runtime.compare.Comparison;
import io.mosaic.runtime.compare.ComparisonFormat;
import io.mosaic.runtime.compare.ComparisonFiles;
import io.mosaic.runtime.compare.FinishedRuns;
import io.mosaic.runtime.compare.OverSeeds;
import io.mosaic.runtime.compare.PairedTest;
import io.mosaic.runtime.compare.SweepComparison;
import io.mosaic.runtime.compare.report.ComparisonReport;
import io.mosaic.runtime.engine.RunEngine;
import io.mosaic.runtime.host.CompareService;
import io.mosaic.runtime.host.RunService;
import io.mosaic.runtime.host.RuntimeOptions;
import io.mosaic.runtime.metrics.MeanStd;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.text.Table;
import io.mosaic.runtime.train.TrainingListener;
import io.mosaic.runtime.variants.Variant;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Trains several assemblies with the same data and seeds and compares their metrics and costs. */
@Command(name = "compare", description = "Train assemblies (and their --vary variants) with the same data, splits "
        + "and seeds, or compare finished run folders and seed groups without training; report each metric as mean "
        + "± std with a paired t-test against the reference (the first assembly, or --reference, with the first values "
        + "of --vary), their costs and robustness.")
public final class CompareCommand implements Callable<Integer> {
    private static final String ABSENT = "-";

    private final CompareService comparisons;
    private final RunService runs;
    private final RuntimeOptions options;

    @Spec
    CommandSpec spec;

    @Mixin
    StackTraceOption stackTrace;

    @Parameters(arity = "1..*", paramLabel = "ASSEMBLY",
            description = "Installed assemblies' names or YAML files (two or more, or one with --vary), or finished "
                    + "run folders and seed groups (two or more, compared without training); the first is the "
                    + "reference unless --reference names another.")
    List<String> assemblies;

    @Option(names = "--reference", paramLabel = "ASSEMBLY",
            description = "The assembly, as given among ASSEMBLY, that every other is tested against (paired t-tests, "
                    + "effective robustness); it supplies the seeds and data and is listed first (default: the first).")
    String reference;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a value of every assembly, e.g. --set train.epochs=3 --set data.preset=tiny.")
    List<String> overrides = new ArrayList<>();

    @Mixin
    VaryOption vary;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "3",
            description = "Train every assembly with the reference's seed and the next N-1 (default ${DEFAULT-VALUE}).")
    int seeds;

    @Mixin
    EngineOption engine;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Inject
    CompareCommand(CompareService comparisons, RunService runs, RuntimeOptions options) {
        this.comparisons = comparisons;
        this.runs = runs;
        this.options = options;
    }

    @Override
    public Integer call() {
        if (seeds < 1) {
            throw new ParameterException(spec.commandLine(), "--seeds must be at least 1, found " + seeds);
        }
        List<String> ordered;
        try {
            ordered = referenceFirst(assemblies, reference);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (ordered.stream().anyMatch(CompareCommand::isFinishedFolder)) {
            return compareFinished(ordered);
        }
        List<Variant> variants = vary.grid(spec, overrides).variants(ordered);
        if (variants.size() < 2) {
            throw new ParameterException(spec.commandLine(), "a comparison needs two assemblies or more, or one "
                    + "with a --vary of two values or more; found " + variants.size() + " to train");
        }
        TrainingListener listener = ConsoleProgress.unless(quiet, spec.commandLine().getErr());
        try (RunEngine runEngine = engine.open(spec, runs, options);
             ProcessStops.Serving stops = engine.stopsOnSignal(runEngine)) {
            return printed(comparisons.compareVariants(variants, overrides, seeds, runEngine, listener));
        }
    }

    /**
     * Prints the comparison written in {@code folder}, and where its report is; then each assembly that failed, with
     * its runs' errors, on the error stream.
     *
     * @return {@link ExitCodes#OK}, or {@link ExitCodes#RUN_FAILED} when an assembly failed
     */
    private int printed(RunFolder folder) {
        PrintWriter out = spec.commandLine().getOut();
        Comparison comparison = ComparisonFiles.read(folder);
        print(out, folder.path().toString(), comparison);
        out.printf("%nreport      %s%n", folder.path().resolve(ComparisonReport.FILE));
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        comparison.failed().forEach(failed -> err.printf("error: %s failed and is left out of the comparison: %s%n",
                failed.assembly(), failed.error()));
        err.flush();
        return comparison.failed().isEmpty() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    }

    /** Whether {@code argument} names a finished run folder or seed group rather than an assembly. */
    private static boolean isFinishedFolder(String argument) {
        try {
            return FinishedRuns.isFinishedFolder(Path.of(argument));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** Compares the finished run folders and seed groups {@code folders} (the reference first) without training. */
    private int compareFinished(List<String> folders) {
        folders.stream().filter(argument -> !isFinishedFolder(argument)).findFirst()
                .ifPresent(argument -> {
                    throw new ParameterException(spec.commandLine(), "give finished run folders and seed groups, or "
                            + "assemblies to train, not both: " + Fragment.quote(argument) + " is not a run folder "
                            + "(with run.json) or a seed group (with summary.json)");
                });
        for (String option : List.of("--set", "--vary", "--seeds", "--engine", "--master", "--node-home")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new ParameterException(spec.commandLine(), option + " cannot be used with finished run "
                        + "folders: they are compared with the settings and seeds they trained with");
            }
        }
        if (folders.size() < 2) {
            throw new ParameterException(spec.commandLine(), "a comparison needs two run folders or seed groups or "
                    + "more; found " + folders.size());
        }
        return printed(comparisons.compareFinished(folders.stream().map(Path::of).toList()));
    }

    /**
     * {@code assemblies} with {@code reference} first and the others in the order given; as given when
     * {@code reference} is null.
     *
     * @throws IllegalArgumentException when {@code reference} is not among {@code assemblies}
     */
    static List<String> referenceFirst(List<String> assemblies, String reference) {
        if (reference == null) {
            return assemblies;
        }
        if (!assemblies.contains(reference)) {
            throw new IllegalArgumentException("--reference " + Fragment.quote(reference) + " is not one of the "
                    + "assemblies compared: " + String.join(", ", assemblies.stream().map(Fragment::quote).toList()));
        }
        List<String> ordered = new ArrayList<>(List.of(reference));
        assemblies.stream().filter(name -> !name.equals(reference)).forEach(ordered::add);
        return ordered;
    }

    private static void print(PrintWriter out, String folder, Comparison comparison) {
        List<AssemblyComparison> all = comparison.assemblies();
        out.printf("comparison  %s (seeds %s, data %s)%n", folder, comparison.seeds(), comparison.data());
        out.printf("test split: mean ± std over the seeds; p: paired t-test against %s%n", comparison.reference());
        if (comparison.pValueWarning() != null) {
            out.printf("warning: %s%n", comparison.pValueWarning());
        }
        Table metrics = table("METRIC", all);
        for (String metric : all.get(0).test().keySet()) {
            metrics.row(row(metric, all, a -> testCell(a.test(), a.paired(), metric)));
        }
        metrics.print(out);
        for (String split : all.get(0).domainTests().keySet()) {
            out.printf("%n%s test split, mean ± std; p against %s%n", split, comparison.reference());
            Table domain = table("METRIC", all);
            for (String metric : all.get(0).domainTests().get(split).metrics().keySet()) {
                domain.row(row(metric, all, a -> a.domainTests().containsKey(split) ? testCell(
                        a.domainTests().get(split).metrics(), a.domainTests().get(split).paired(), metric) : ABSENT));
            }
            domain.print(out);
        }
        out.println();
        Table costs = table("COST", all);
        costs.row(row("parameters", all, a -> ComparisonFormat.parameters(a.parameters())));
        costs.row(row("s/epoch", all, a -> ComparisonFormat.secondsPerEpoch(a.secondsPerEpoch())));
        costs.row(row("samples/s", all, a -> ComparisonFormat.samplesPerSecond(a.samplesPerSecond())));
        costs.row(row("peak MiB", all, a -> ComparisonFormat.megabytes(a.peakResident().megabytes())));
        costs.print(out);
        all.stream().map(a -> a.peakResident().scope()).distinct()
                .forEach(scope -> out.printf("peak MiB: %s%n", scope.description()));
        Set<String> protocols = new LinkedHashSet<>();
        all.forEach(a -> protocols.addAll(a.sweeps().keySet()));
        for (String protocol : protocols) {
            out.printf("%nAUILC of sweep %s on the test split, mean ± std%n", protocol);
            Set<String> sweepMetrics = new LinkedHashSet<>();
            all.stream().map(a -> a.sweeps().get(protocol)).filter(Objects::nonNull)
                    .forEach(sweep -> sweepMetrics.addAll(sweep.auilc().keySet()));
            Table auilc = table("METRIC", all);
            for (String metric : sweepMetrics) {
                auilc.row(row(metric, all, a -> auilcCell(a.sweeps().get(protocol), metric)));
            }
            auilc.print(out);
            out.printf("relative robustness (area / level range, mean ± std) and effective robustness against %s "
                    + "(MultiBench)%n", comparison.reference());
            Table robustness = table("METRIC", all);
            for (String metric : sweepMetrics) {
                robustness.row(row(metric + " relative", all, a -> relativeCell(a.sweeps().get(protocol), metric)));
            }
            for (String metric : sweepMetrics) {
                robustness.row(row(metric + " effective", all,
                        a -> effectiveCell(a.sweeps().get(protocol), metric)));
            }
            robustness.print(out);
        }
        out.flush();
    }

    private static Table table(String first, List<AssemblyComparison> all) {
        List<String> header = new ArrayList<>(List.of(first));
        all.forEach(a -> header.add(a.assembly()));
        return new Table(header.toArray(String[]::new));
    }

    private static Object[] row(String label, List<AssemblyComparison> all, Function<AssemblyComparison, String> cell) {
        List<Object> row = new ArrayList<>(List.of(label));
        all.forEach(a -> row.add(cell.apply(a)));
        return row.toArray();
    }

    private static String testCell(Map<String, OverSeeds> metrics, Map<String, PairedTest> tests, String metric) {
        OverSeeds value = metrics.get(metric);
        if (value == null) {
            return ABSENT;
        }
        PairedTest paired = tests.get(metric);
        String cell = ComparisonFormat.meanStd(value.mean(), value.std());
        return paired == null ? cell : cell + "  " + ComparisonFormat.pValue(paired);
    }

    private static String relativeCell(SweepComparison sweep, String metric) {
        MeanStd measure = sweep == null ? null : sweep.relativeRobustness().get(metric);
        return measure == null ? ABSENT : ComparisonFormat.meanStd(measure.mean(), measure.std());
    }

    /** Empty for the reference itself: it is what the others are measured against. */
    private static String effectiveCell(SweepComparison sweep, String metric) {
        Double measure = sweep == null ? null : sweep.effectiveRobustness().get(metric);
        return measure == null ? ABSENT : String.format(Locale.ROOT, "%+.4f", measure);
    }

    private static String auilcCell(SweepComparison sweep, String metric) {
        MeanStd area = sweep == null ? null : sweep.auilc().get(metric);
        return area == null ? ABSENT : ComparisonFormat.meanStd(area.mean(), area.std());
    }
}
