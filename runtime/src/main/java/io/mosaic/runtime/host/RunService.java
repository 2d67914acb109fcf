package io.mosaic.runtime.host;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.assembly.ResolvedAssemblyWriter;
import io.mosaic.runtime.engine.RunBatch;
import io.mosaic.runtime.engine.RunEngine;
import io.mosaic.runtime.engine.RunOutcome;
import io.mosaic.runtime.engine.RunTask;
import io.mosaic.runtime.engine.RunsFailedException;
import io.mosaic.runtime.metrics.MeanStd;
import io.mosaic.runtime.model.BuiltModel;
import io.mosaic.runtime.report.PredictionsFile;
import io.mosaic.runtime.report.GroupReport;
import io.mosaic.runtime.report.RunReport;
import io.mosaic.runtime.run.GroupFiles;
import io.mosaic.runtime.run.ProcessMemory;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.run.RunOwner;
import io.mosaic.runtime.run.RunStatus;
import io.mosaic.runtime.run.RunSummary;
import io.mosaic.runtime.run.SeedSummary;
import io.mosaic.runtime.run.SweepSummary;
import io.mosaic.runtime.run.VariantPlan;
import io.mosaic.runtime.train.RunStoppedException;
import io.mosaic.runtime.train.StopRequest;
import io.mosaic.runtime.train.SweepResult;
import io.mosaic.runtime.train.Trainer;
import io.mosaic.runtime.train.TrainingListener;
import io.mosaic.runtime.train.TrainingResult;
import io.mosaic.runtime.variants.Variant;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Runs assemblies: creates (or reopens) the run folder, trains, and writes the results. */
@Singleton
public final class RunService {

    private final RuntimeOptions options;
    private final AssemblyService assemblies;
    private final RecordedAssemblies recorded;

    @Inject
    public RunService(RuntimeOptions options, AssemblyService assemblies, RecordedAssemblies recorded) {
        this.options = options;
        this.assemblies = assemblies;
        this.recorded = recorded;
    }

    /**
     * Trains {@code assembly} in a new run folder, or in {@code resumeFolder} from its last checkpoint. A resumed
     * run continues with the component versions it started with (see {@link RecordedAssemblies}).
     *
     * @return the run's folder, holding {@code metrics.json} when the run completed
     */
    public RunFolder run(ResolvedAssembly assembly, Optional<Path> resumeFolder, TrainingListener listener) {
        RunFolder folder = resumeFolder.map(RunFolder::open).orElseGet(() -> newFolder(assembly));
        return run(Optional.of(assembly), folder, resumeFolder.isPresent(), listener);
    }

    /**
     * Resumes the run in {@code folder} from its last checkpoint with the assembly it records, or with
     * {@code requested} when that resolved to the same settings (see {@link RecordedAssemblies}).
     *
     * @return the run's folder, holding {@code metrics.json} when the run completed
     */
    public RunFolder resume(Path folder, Optional<ResolvedAssembly> requested, TrainingListener listener) {
        return run(requested, RunFolder.open(folder), true, listener);
    }

    /** A new run folder for {@code assembly} under the runs folder, named by the assembly and the time. */
    public RunFolder newFolder(ResolvedAssembly assembly) {
        return RunFolder.create(options.runs(), assembly.name(), LocalDateTime.now());
    }

    /**
     * Trains {@code assembly} from the start in {@code folder}, a folder of {@link #newFolder}.
     *
     * @return {@code folder}, holding {@code metrics.json} when the run completed
     */
    public RunFolder run(ResolvedAssembly assembly, RunFolder folder, TrainingListener listener) {
        return run(Optional.of(assembly), folder, false, listener);
    }

    /**
     * Carries out {@code task} in this process: keeps a completed run, resumes a stopped one from its last checkpoint
     * with the assembly it records, and otherwise trains the task's resolved assembly from the start in its folder.
     * The process's peak resident memory is reset where the OS can (see {@link ProcessMemory#resetPeak()}), so that
     * the run's {@code metrics.json} records its own peak rather than its process's since it started.
     *
     * @return the run's folder, holding {@code metrics.json} when the run completed
     */
    public RunFolder runTask(RunTask task, TrainingListener listener) {
        RunFolder folder = RunFolder.at(task.folder());
        Optional<RunStatus> status = folder.status();
        if (status.map(RunStatus::completed).orElse(false)) {
            listener.message(task.label() + ": completed before, kept");
            return folder;
        }
        ProcessMemory.resetPeak();
        if (status.isPresent()) {
            return run(Optional.empty(), folder, true, listener);
        }
        folder.writeText(RunFolder.RESOLVED, task.resolvedYaml());
        ResolvedAssembly assembly = assemblies.resolve(folder.path().resolve(RunFolder.RESOLVED).toString(),
                List.of());
        return run(Optional.of(assembly), folder, false, listener);
    }

    /**
     * Evaluates the selected checkpoint of the completed run in {@code path}, which deferred its test evaluation
     * ({@code train.select.test: deferred}), on the test split, its domain test splits and sweeps, and completes its
     * {@code metrics.json}, {@code metrics.csv}, {@code predictions.csv} and report with them. Evaluating reads the
     * test split for the first time; a run is evaluated once.
     *
     * @return the run's summary with its test metrics
     * @throws IllegalArgumentException when the run has not completed, evaluated its test split when it ended, or was
     *                                  evaluated before
     */
    public RunSummary evaluateSelected(Path path, TrainingListener listener) {
        RunFolder folder = RunFolder.at(path);
        if (!folder.status().map(RunStatus::completed).orElse(false)) {
            throw new IllegalArgumentException("cannot evaluate " + path + ": the run has not completed");
        }
        ResolvedAssembly assembly = assemblies.resolve(folder.path().resolve(RunFolder.RESOLVED).toString(),
                List.of());
        RunSummary trained = folder.summary();
        if (!assembly.train().testDeferred()) {
            throw new IllegalArgumentException("cannot evaluate " + path + ": the run evaluated its test split when "
                    + "it ended (train.select.test is not deferred)");
        }
        if (!trained.test().isEmpty()) {
            throw new IllegalArgumentException("cannot evaluate " + path + ": its selected checkpoint was evaluated "
                    + "on the test split before");
        }
        try (NDManager root = Engines.forRun(assembly.device(), assembly.threads())) {
            TrainingResult evaluated = new Trainer(listener, new StopRequest(listener::stopRequested),
                    options.encoderCache()).evaluateSelected(assembly, folder, root);
            TrainingResult result = new TrainingResult(evaluated.valid(), evaluated.test(), evaluated.domainTests(),
                    evaluated.sweeps(), evaluated.state(), evaluated.parameters(),
                    trained.seconds() + evaluated.seconds(), evaluated.labelAgreement());
            writeResults(folder, assembly, result);
            PredictionsFile.write(folder, result);
        }
        writeReport(folder, listener);
        return folder.summary();
    }

    /**
     * Trains the assembly {@code nameOrFile} once per seed (its seed, then the next ones) on the same data, each in
     * its own run folder of a seed group, all handed to {@code engine} at once, and summarises every metric as mean
     * and standard deviation. Resuming a group keeps its completed seeds and resumes an interrupted one.
     *
     * @return the group's folder, holding {@code summary.json} and {@code summary.csv}
     * @throws RunsFailedException when a seed's run failed: the other seeds completed, and the group's page shows
     *                             every seed as it ended, but the group has no summary
     */
    public RunFolder runSeeds(String nameOrFile, List<String> overrides, int count, Optional<Path> resumeGroup,
                              RunEngine engine, TrainingListener listener) {
        ResolvedAssembly base = assemblies.resolve(nameOrFile, overrides);
        resumeGroup.filter(path -> Files.isRegularFile(path.resolve(GroupFiles.VARIANTS_JSON))).ifPresent(path -> {
            throw new IllegalArgumentException("--resume " + path + ": it is a seed group of variants; resume it "
                    + "with the --vary options it started with");
        });
        RunFolder group = resumeGroup.map(RunFolder::at)
                .orElseGet(() -> RunFolder.create(options.runs(), base.name() + "-seeds", LocalDateTime.now()));
        List<RunTask> tasks = seedTasks(group, base.name(), nameOrFile, overrides, seeds(base, count),
                base.dataSeed());
        List<RunOutcome> outcomes = runAll(engine, tasks, List.of(group), listener);
        if (finishSeedGroup(group, outcomes, listener).isEmpty()) {
            throw new RunsFailedException("seed group " + group.path(), RunBatch.failed(outcomes));
        }
        return group;
    }

    /**
     * Trains every variant as {@link #runSeeds} trains one assembly, with the first variant's seed and the next
     * {@code count - 1}, all on its data seed, each variant a seed group in its own folder (named by the variant) of
     * one group, whose {@code variants.json} lists them and {@code variants.csv} holds their metrics side by side.
     * Every variant is resolved and its model's shapes built before the first trains; then every variant's seeds go
     * to {@code engine} as one batch. Resuming the group (the same variants) keeps completed seeds and resumes an
     * interrupted one.
     *
     * @return the group's folder
     * @throws IllegalArgumentException naming a variant that cannot be used, or when the group resumed was started
     *                                  with other variants
     * @throws RunsFailedException      when a run failed: its variant has no summary and is left out of
     *                                  {@code variants.csv}; the other variants' are written
     */
    public RunFolder runVariants(List<Variant> variants, List<String> overrides, int count,
                                 Optional<Path> resumeGroup, RunEngine engine, TrainingListener listener) {
        List<ResolvedAssembly> resolved = variants.stream().map(v -> assemblies.resolveBuilt(v, overrides)).toList();
        List<String> names = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) {
            names.add(variants.get(v).name(resolved.get(v).name()));
        }
        List<String> folders = Variant.folders(names);
        List<VariantPlan.Entry> planned = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) {
            planned.add(new VariantPlan.Entry(names.get(v), folders.get(v), variants.get(v).settings()));
        }
        VariantPlan plan = new VariantPlan(planned);
        ResolvedAssembly base = resolved.get(0);
        RunFolder group = resumeGroup.map(path -> resumedVariants(path, plan)).orElseGet(() -> {
            RunFolder created = RunFolder.create(options.runs(), base.name() + "-seeds", LocalDateTime.now());
            created.writeJson(GroupFiles.VARIANTS_JSON, plan);
            return created;
        });
        List<Long> seeds = seeds(base, count);
        List<RunFolder> groups = new ArrayList<>();
        List<List<RunTask>> tasks = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) {
            RunFolder own = RunFolder.named(group.path(), folders.get(v));
            groups.add(own);
            tasks.add(seedTasks(own, names.get(v), variants.get(v).source(), variants.get(v).over(overrides), seeds,
                    base.dataSeed()));
        }
        List<List<RunOutcome>> outcomes = RunBatch.split(tasks, runAll(engine, RunBatch.flatten(tasks), groups,
                listener));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("variant", "split", "metric", "mean", "std", "n"));
        for (int v = 0; v < variants.size(); v++) {
            Optional<SeedSummary> summary = finishSeedGroup(groups.get(v), outcomes.get(v), listener);
            if (summary.isPresent()) {
                List<List<String>> own = seedSummaryRows(summary.get());
                for (List<String> row : own.subList(1, own.size())) {
                    rows.add(prepend(names.get(v), row));
                }
            }
        }
        group.writeCsv(GroupFiles.VARIANTS_CSV, rows);
        List<RunOutcome> failed = RunBatch.failed(RunBatch.flatten(outcomes));
        if (!failed.isEmpty()) {
            throw new RunsFailedException("group of variants " + group.path(), failed);
        }
        return group;
    }

    /**
     * The runs of a seed group: the assembly {@code nameOrFile} once per seed of {@code seeds}, all on the data of
     * {@code dataSeed}, in {@code group}'s {@code seed-<s>} folders, named {@code <name> seed <s>}. A seed whose folder
     * holds a run already (completed, kept; or stopped, resumed) is not resolved again: its task carries the
     * assembly the folder records.
     */
    public List<RunTask> seedTasks(RunFolder group, String name, String nameOrFile, List<String> overrides,
                                   List<Long> seeds, long dataSeed) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("a seed group needs at least one seed, found none");
        }
        List<RunTask> tasks = new ArrayList<>();
        for (long seed : seeds) {
            RunFolder folder = RunFolder.named(group.path(), GroupFiles.seedFolder(seed));
            String yaml;
            if (folder.status().isPresent() && Files.isRegularFile(folder.path().resolve(RunFolder.RESOLVED))) {
                yaml = folder.readText(RunFolder.RESOLVED);
            } else {
                List<String> seeded = new ArrayList<>(overrides);
                seeded.add("seed=" + seed);
                seeded.add("data.seed=" + dataSeed);
                yaml = ResolvedAssemblyWriter.toYaml(assemblies.resolve(nameOrFile, seeded));
            }
            tasks.add(new RunTask(name + " seed " + seed, folder.path(), yaml));
        }
        return List.copyOf(tasks);
    }

    /**
     * Hands {@code tasks} to {@code engine}; when the runs are stopped, the pages of {@code groups} show their seeds
     * as they ended before the stop goes on.
     */
    static List<RunOutcome> runAll(RunEngine engine, List<RunTask> tasks, List<RunFolder> groups,
                                   TrainingListener listener) {
        try {
            return engine.runAll(tasks, listener);
        } catch (RuntimeException | Error e) {
            for (RunFolder group : groups) {
                try {
                    GroupReport.write(group);
                } catch (RuntimeException report) {
                    e.addSuppressed(report);
                }
            }
            throw e;
        }
    }

    /**
     * Writes what a seed group's runs ({@code outcomes}, one per seed, in its seed order) leave: when every one
     * completed, the group's {@code summary.json} and {@code summary.csv}; in any case its {@code report.html}, which
     * shows a seed that failed as it ended.
     *
     * @return the group's summary; empty when a seed failed
     */
    public Optional<SeedSummary> finishSeedGroup(RunFolder group, List<RunOutcome> outcomes,
                                                 TrainingListener listener) {
        Optional<SeedSummary> summary = Optional.empty();
        if (RunBatch.failed(outcomes).isEmpty()) {
            List<RunFolder> folders = outcomes.stream().map(o -> RunFolder.open(o.task().folder())).toList();
            List<RunSummary> summaries = folders.stream().map(RunFolder::summary).toList();
            List<Long> seeds = folders.stream().map(f -> f.status().orElseThrow().seed()).toList();
            summary = Optional.of(writeSeedSummary(group, summaries.get(0).assembly(), seeds, summaries));
        }
        try {
            GroupReport.write(group);
        } catch (RuntimeException e) {
            // The group's results are written; a page that cannot be drawn does not undo that.
            listener.message("cannot write the seed group's " + GroupReport.FILE + ": " + e.getMessage()
                    + "; 'mosaic report " + group.path() + "' tries again");
        }
        return summary;
    }

    /** The group at {@code path}, which must have been started with the variants of {@code plan}. */
    private static RunFolder resumedVariants(Path path, VariantPlan plan) {
        RunFolder group = RunFolder.at(path);
        if (!Files.isRegularFile(path.resolve(GroupFiles.VARIANTS_JSON))) {
            throw new IllegalArgumentException("--resume " + path + ": it is not a seed group of variants (it has no "
                    + GroupFiles.VARIANTS_JSON + "); resume it without --vary");
        }
        VariantPlan started = group.readJson(GroupFiles.VARIANTS_JSON, VariantPlan.class);
        if (!started.equals(plan)) {
            throw new IllegalArgumentException("--resume " + path + ": it was started with the variants "
                    + started.variants().stream().map(VariantPlan.Entry::variant).toList() + ", not "
                    + plan.variants().stream().map(VariantPlan.Entry::variant).toList()
                    + "; give the --vary options it started with");
        }
        return group;
    }

    private static List<Long> seeds(ResolvedAssembly base, int count) {
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            seeds.add(base.assembly().seed() + i);
        }
        return seeds;
    }

    private static List<String> prepend(String first, List<String> row) {
        List<String> longer = new ArrayList<>(List.of(first));
        longer.addAll(row);
        return longer;
    }

    /** @param requested the assembly to train; for a resumed run, what the command line asks for, if anything */
    private RunFolder run(Optional<ResolvedAssembly> requested, RunFolder folder, boolean resume,
                          TrainingListener listener) {
        RunStatus previous = resume ? resumable(folder) : null;
        ResolvedAssembly assembly = resume ? recorded.toResume(folder, requested) : requested.orElseThrow();
        if (requested.isPresent() && assembly != requested.get()) {
            listener.message("resuming with the component versions the run started with, as its "
                    + RunFolder.RESOLVED + " records them");
        }
        if (resume) {
            List<Path> removed = folder.removePartialWrites();
            if (!removed.isEmpty()) {
                listener.message("removed " + removed.size() + " unfinished write(s) the stopped process left: "
                        + removed.stream().map(p -> folder.path().relativize(p).toString()).toList());
            }
        }
        RunStatus status = resume ? previous.resumed() : newStatus(assembly);
        if (!resume) {
            folder.writeText(RunFolder.RESOLVED, ResolvedAssemblyWriter.toYaml(assembly));
        }
        // The run is active before its status says it runs, so that a stop request never misses it; the engine's
        // arrays are released (root closes) before it leaves the active runs, so that an exit waiting on the active
        // runs never tears down native memory under a step.
        try (ActiveRuns.ActiveRun active = ActiveRuns.begin(folder, status,
                new StopRequest(listener::stopRequested))) {
            folder.writeStatus(status);
            return train(assembly, folder, resume, listener, status, active.stop());
        }
    }

    private RunFolder train(ResolvedAssembly assembly, RunFolder folder, boolean resume, TrainingListener listener,
                            RunStatus status, StopRequest stop) {
        try (NDManager root = Engines.forRun(assembly.device(), assembly.threads())) {
            TrainingResult result = new Trainer(listener, stop, options.encoderCache()).train(assembly, folder, root,
                    resume);
            writeResults(folder, assembly, result);
            PredictionsFile.write(folder, result);
            folder.writeStatus(status.ended(RunStatus.COMPLETED, LocalDateTime.now().toString(), null));
        } catch (RunStoppedException e) {
            RunStoppedException stopped = e.in(folder.path());
            recordEnd(folder, status.ended(stopped.cancelled() ? RunStatus.CANCELLED : RunStatus.INTERRUPTED,
                    LocalDateTime.now().toString(),
                    stopped.getMessage()), stopped);
            recordReport(folder, stopped);
            throw stopped;
        } catch (RuntimeException | Error e) {
            recordTrace(folder, e);
            recordEnd(folder, status.ended(RunStatus.FAILED, LocalDateTime.now().toString(),
                    String.valueOf(e.getMessage())), e);
            recordReport(folder, e);
            throw e;
        }
        writeReport(folder, listener);
        return folder;
    }

    /** Writes the report of a run whose results are written; a page that cannot be drawn does not undo them. */
    private static void writeReport(RunFolder folder, TrainingListener listener) {
        try {
            RunReport.write(folder);
        } catch (RuntimeException e) {
            listener.message("cannot write " + RunReport.FILE + ": " + e.getMessage() + "; 'mosaic report "
                    + folder.path() + "' tries again");
        }
    }

    /** Writes the report of a run that did not complete from what it wrote; one that cannot be is added. */
    private static void recordReport(RunFolder folder, Throwable failure) {
        try {
            RunReport.write(folder);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** The status of {@code folder}, a run that may be resumed: none that another process is running. */
    private static RunStatus resumable(RunFolder folder) {
        RunStatus status = folder.status().orElseThrow();
        if (status.runningElsewhere()) {
            throw new IllegalArgumentException("cannot resume " + folder.path() + ": it is running in process "
                    + status.owner().pid() + "; stop that process first");
        }
        return status;
    }

    /**
     * Writes how the run ended; a status that cannot be written (a full disk) is added to {@code failure}, which the
     * caller throws, rather than hiding it.
     */
    private static void recordEnd(RunFolder folder, RunStatus ended, Throwable failure) {
        try {
            folder.writeStatus(ended);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Keeps {@code failure}'s stack trace in the run folder, for the plugin's author; one that cannot be is added. */
    private static void recordTrace(RunFolder folder, Throwable failure) {
        try {
            folder.writeText(RunFolder.FAILURE, stackTrace(failure));
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** {@code failure}'s stack trace with its causes, as {@link Throwable#printStackTrace()} prints it. */
    private static String stackTrace(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    private static SeedSummary writeSeedSummary(RunFolder group, String assembly, List<Long> seeds,
                                                List<RunSummary> summaries) {
        Map<String, Map<String, MeanStd>> auilc = new LinkedHashMap<>();
        summaries.get(0).sweeps().forEach((protocol, sweep) -> {
            Map<String, MeanStd> areas = new LinkedHashMap<>();
            sweep.auilc().keySet().forEach(metric -> areas.put(metric, MeanStd.of(summaries.stream()
                    .map(s -> s.sweeps().get(protocol).auilc().get(metric)).toList())));
            auilc.put(protocol, areas);
        });
        Map<String, Map<String, MeanStd>> domainTests = new LinkedHashMap<>();
        summaries.get(0).domainTests().keySet().forEach(split -> domainTests.put(split,
                overSeeds(summaries, s -> s.domainTests().get(split))));
        SeedSummary summary = new SeedSummary(assembly, seeds, seeds.stream().map(GroupFiles::seedFolder).toList(),
                overSeeds(summaries, RunSummary::valid), overSeeds(summaries, RunSummary::test), domainTests, auilc);
        group.writeJson(GroupFiles.SEED_SUMMARY_JSON, summary);
        group.writeCsv(GroupFiles.SEED_SUMMARY_CSV, seedSummaryRows(summary));
        return summary;
    }

    /** {@code summary.csv}: a header, then one row per split (or sweep) and metric. */
    private static List<List<String>> seedSummaryRows(SeedSummary summary) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("split", "metric", "mean", "std", "n"));
        summary.valid().forEach((metric, m) -> rows.add(row("valid", metric, m)));
        summary.test().forEach((metric, m) -> rows.add(row("test", metric, m)));
        summary.domainTests().forEach((split, metrics) -> metrics.forEach((metric, m) -> rows.add(row(split, metric,
                m))));
        summary.auilc().forEach((protocol, areas) -> areas.forEach((metric, m) -> rows.add(row("auilc:" + protocol,
                metric, m))));
        return rows;
    }

    private static Map<String, MeanStd> overSeeds(List<RunSummary> summaries,
                                                  Function<RunSummary, Map<String, Double>> split) {
        Map<String, MeanStd> result = new LinkedHashMap<>();
        split.apply(summaries.get(0)).keySet().forEach(metric -> result.put(metric,
                MeanStd.of(summaries.stream().map(s -> split.apply(s).get(metric)).toList())));
        return result;
    }

    private static List<String> row(String split, String metric, MeanStd value) {
        return List.of(split, metric, String.format(Locale.ROOT, "%.6f", value.mean()),
                String.format(Locale.ROOT, "%.6f", value.std()), Integer.toString(value.n()));
    }

    /** The newest unfinished run of {@code assembly} under the runs folder. */
    public Optional<Path> latestUnfinished(String assembly) {
        return RunFolder.latestUnfinished(options.runs(), assembly).map(RunFolder::path);
    }

    private static RunStatus newStatus(ResolvedAssembly assembly) {
        Engine engine = Engines.engine();
        Map<String, String> software = new LinkedHashMap<>();
        software.put("engine", engine.getEngineName() + " " + engine.getVersion());
        software.put("djl", Engine.getDjlVersion());
        software.put("java", System.getProperty("java.version"));
        String mosaic = RunService.class.getPackage().getImplementationVersion();
        software.put("mosaic", mosaic == null ? "development build" : mosaic);
        return new RunStatus(assembly.name(), RunStatus.RUNNING, LocalDateTime.now().toString(), null,
                Engines.device(assembly.device()).toString(), software, assembly.assembly().seed(), null,
                RunOwner.current());
    }

    private static void writeResults(RunFolder folder, ResolvedAssembly assembly, TrainingResult result) {
        Map<String, Long> parameters = new LinkedHashMap<>(result.parameters());
        // The model's total: an objective's parameters (objective:<name>) train with it but do not run at inference.
        parameters.put("total", BuiltModel.modelTotal(result.parameters()));
        Map<String, SweepSummary> sweeps = new LinkedHashMap<>();
        for (SweepResult sweep : result.sweeps()) {
            sweeps.put(sweep.protocol(), new SweepSummary(sweep.rates(), sweep.curves(assembly.sweepMetrics()),
                    sweep.auilc(assembly.sweepMetrics())));
        }
        Map<String, Map<String, Double>> domainTests = new LinkedHashMap<>();
        result.domainTests().forEach((name, evaluation) -> domainTests.put(name, evaluation.metrics().asMap()));
        RunSummary summary = new RunSummary(assembly.name(), assembly.dataset().description(),
                assembly.dataSpec().task().toString(), result.state().epoch(), result.state().bestEpoch(),
                assembly.train().selectionMetric(), parameters, result.valid().metrics().asMap(),
                result.test().map(test -> test.metrics().asMap()).orElse(Map.of()), domainTests, sweeps,
                result.valid().strength().isPresent()
                ? result.valid().strength().getAsDouble() : null, result.seconds(),
                ProcessMemory.peakResidentMegabytes(), result.labelAgreement());
        folder.writeJson(RunFolder.METRICS_JSON, summary);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("split", "metric", "value"));
        summary.valid().forEach((k, v) -> rows.add(List.of("valid", k, String.format(Locale.ROOT, "%.6f", v))));
        summary.test().forEach((k, v) -> rows.add(List.of("test", k, String.format(Locale.ROOT, "%.6f", v))));
        summary.domainTests().forEach((split, metrics) -> metrics.forEach((k, v) -> rows.add(List.of(split, k,
                String.format(Locale.ROOT, "%.6f", v)))));
        folder.writeCsv(RunFolder.METRICS_CSV, rows);
        if (!sweeps.isEmpty()) {
            List<List<String>> table = new ArrayList<>();
            table.add(List.of("protocol", "rate", "metric", "value"));
            sweeps.forEach((protocol, sweep) -> sweep.curves().forEach((metric, values) -> {
                for (int i = 0; i < values.size(); i++) {
                    table.add(List.of(protocol, String.format(Locale.ROOT, "%.4f", sweep.rates().get(i)), metric,
                            String.format(Locale.ROOT, "%.6f", values.get(i))));
                }
                table.add(List.of(protocol, "auilc", metric, String.format(Locale.ROOT, "%.6f",
                        sweep.auilc().getOrDefault(metric, Double.NaN))));
                table.add(List.of(protocol, "relative_robustness", metric, String.format(Locale.ROOT, "%.6f",
                        sweep.relativeRobustness().getOrDefault(metric, Double.NaN))));
            }));
            folder.writeCsv(RunFolder.SWEEPS_CSV, table);
        }
    }
}
