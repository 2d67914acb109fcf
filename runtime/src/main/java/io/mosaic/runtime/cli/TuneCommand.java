package io.mosaic.runtime.cli;

import com.google.inject.Inject;
import io.mosaic.runtime.engine.RunEngine;
import io.mosaic.runtime.host.RunService;
import io.mosaic.runtime.host.RuntimeOptions;
import io.mosaic.runtime.host.TuneService;
import io.mosaic.runtime.report.TuneReport;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.text.Table;
import io.mosaic.runtime.train.TrainingListener;
import io.mosaic.runtime.tune.Dimension;
import io.mosaic.runtime.tune.TrialRecord;
import io.mosaic.runtime.tune.TuneSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Searches an assembly's keys, selecting on the validation split only, and tests the best trial once. */
@Command(name = "tune", description = "Search an assembly's keys over a search space (random or TPE), every trial "
        + "trained, selected and ranked on the validation split only; the best trial's selected checkpoint is then "
        + "evaluated on the test split once. Writes runs/tune-<stamp>/ with each trial's run folder, trials.csv, "
        + "trials.json, best.json and report.html.")
public final class TuneCommand implements Callable<Integer> {
    private final TuneService tune;
    private final RunService runs;
    private final RuntimeOptions options;

    @Spec
    CommandSpec spec;

    @Mixin
    StackTraceOption stackTrace;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ASSEMBLY",
            description = "An installed assembly's name or a YAML file.")
    String assembly;

    @Option(names = "--resume", paramLabel = "FOLDER",
            description = "Resume the search in FOLDER (runs/tune-<stamp>) with the plan it started with: completed "
                    + "trials are kept, an interrupted one resumes, the rest train.")
    Path resume;

    @Option(names = "--space", paramLabel = "SPACE.yaml",
            description = "The search space: assembly keys (as --set takes them) to log-uniform: [low, high], "
                    + "uniform: [low, high], int-uniform: [low, high] or choice: [a, b, ...].")
    Path space;

    @Option(names = "--trials", paramLabel = "N", description = "How many trials to train.")
    Integer trials;

    @Option(names = "--sampler", paramLabel = "random|tpe", defaultValue = "tpe",
            description = "random search, or the Tree-structured Parzen Estimator (default ${DEFAULT-VALUE}).")
    String sampler;

    @Option(names = "--early-stop", paramLabel = "none|median", defaultValue = "none",
            description = "median: stop a trial after an epoch (past the first) when its best validation score so far "
                    + "is worse than the median of the completed trials' at that epoch (default ${DEFAULT-VALUE}).")
    String earlyStop;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a value of the assembly in every trial, e.g. --set data.preset=tiny.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "S",
            description = "The sampler's seed (default: the assembly's seed). Every trial trains with the assembly's "
                    + "seed.")
    Long seed;

    @Option(names = "--batch", paramLabel = "K",
            description = "Trials proposed together from the same completed trials and trained at once (default: "
                    + "as many as the engine trains at once). The same batch gives the same trials on any engine.")
    Integer batch;

    @Option(names = {"-q", "--quiet"}, description = "No progress output but one line per trial.")
    boolean quiet;

    @Mixin
    EngineOption engine;

    @Inject
    TuneCommand(TuneService tune, RunService runs, RuntimeOptions options) {
        this.tune = tune;
        this.runs = runs;
        this.options = options;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        TrainingListener listener = ConsoleProgress.unless(quiet, err);
        Consumer<String> progress = line -> {
            err.println(line);
            err.flush();
        };
        try (RunEngine runEngine = engine.open(spec, runs, options);
             ProcessStops.Serving stops = engine.stopsOnSignal(runEngine)) {
            RunFolder folder = resume != null ? tune.resume(resumed(), runEngine, listener, progress)
                    : tune.tune(plan(runEngine), runEngine, listener, progress);
            print(spec.commandLine().getOut(), folder,
                    folder.readJson(TuneService.TRIALS_JSON, TuneSummary.class));
        }
        return ExitCodes.OK;
    }

    /** The search's plan from the options, which must give an assembly, a space and the trials. */
    private TuneService.Plan plan(RunEngine runEngine) {
        if (assembly == null || space == null || trials == null) {
            throw new ParameterException(spec.commandLine(), "give ASSEMBLY, --space and --trials, or --resume "
                    + "FOLDER");
        }
        try {
            return new TuneService.Plan(assembly, overrides, space.toString(), trials, sampler, earlyStop, seed,
                    batch == null ? runEngine.parallelism() : batch);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The folder to resume; the search's other options are those it started with. */
    private Path resumed() {
        for (String option : List.of("--space", "--trials", "--sampler", "--early-stop", "--set", "--seed",
                "--batch")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new ParameterException(spec.commandLine(), option + " cannot be used with --resume: a search "
                        + "resumes with the options it started with");
            }
        }
        if (assembly != null) {
            throw new ParameterException(spec.commandLine(), "give ASSEMBLY or --resume FOLDER, not both");
        }
        return resume;
    }

    private static void print(PrintWriter out, RunFolder folder, TuneSummary summary) {
        out.printf("search      %s (%d trials, sampler %s, seed %d, early stop %s)%n", folder.path(),
                summary.trials().size(), summary.sampler(), summary.seed(), summary.earlyStop());
        out.printf("ranked on the validation split's %s (%s is better)%n", summary.metric(), summary.direction());
        List<String> keys = summary.trials().isEmpty() ? List.of()
                : List.copyOf(summary.trials().get(0).values().keySet());
        List<String> header = new ArrayList<>(List.of("TRIAL"));
        keys.forEach(key -> header.add(key.substring(key.lastIndexOf('.') + 1)));
        header.addAll(List.of("VALID " + summary.metric(), "EPOCHS", "STATE"));
        Table table = new Table(header.toArray(String[]::new));
        for (TrialRecord trial : summary.trials()) {
            List<Object> row = new ArrayList<>(List.of(trial.trial() + (trial.trial() == summary.bestTrial()
                    ? " *" : "")));
            keys.forEach(key -> row.add(Dimension.shown(trial.values().get(key))));
            row.add(trial.valid() == null ? "-" : String.format(Locale.ROOT, "%.4f", trial.valid()));
            row.add(trial.epochs() + (trial.stoppedEarly() ? " (stopped)" : ""));
            row.add(trial.state());
            table.row(row.toArray());
        }
        table.print(out);
        if (summary.bestTrial() == 0) {
            out.println("no trial completed: nothing was selected or tested");
        } else {
            out.printf("%nbest        trial %d (*), its selected checkpoint:%n", summary.bestTrial());
            Table metrics = new Table("METRIC", "VALID", "TEST (" + TuneSummary.TEST_NOTE + ")");
            summary.valid().forEach((metric, value) -> metrics.row(metric, String.format(Locale.ROOT, "%.4f", value),
                    summary.test().containsKey(metric) ? String.format(Locale.ROOT, "%.4f",
                            summary.test().get(metric)) : "-"));
            metrics.print(out);
            summary.domainTests().forEach((split, values) -> out.printf("%s test split: %s%n", split, values));
        }
        out.printf("%nreport      %s%n", folder.path().resolve(TuneReport.FILE));
        out.flush();
    }
}
