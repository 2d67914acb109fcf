package io.mosaic.runtime.host;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.mosaic.runtime.assembly.AssemblyException;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.assembly.ResolvedAssemblyWriter;
import io.mosaic.runtime.assembly.yaml.Fragment;
import io.mosaic.runtime.engine.RunEngine;
import io.mosaic.runtime.engine.RunOutcome;
import io.mosaic.runtime.engine.RunTask;
import io.mosaic.runtime.metrics.Direction;
import io.mosaic.runtime.metrics.Metric;
import io.mosaic.runtime.report.TuneReport;
import io.mosaic.runtime.run.EpochTable;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.run.RunSummary;
import io.mosaic.runtime.train.MedianStop;
import io.mosaic.runtime.train.TrainingListener;
import io.mosaic.runtime.tune.Dimension;
import io.mosaic.runtime.tune.Observation;
import io.mosaic.runtime.tune.Sampler;
import io.mosaic.runtime.tune.SearchSpace;
import io.mosaic.runtime.tune.TrialRecord;
import io.mosaic.runtime.tune.TuneSummary;
import io.mosaic.runtime.variants.Variant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Searches an assembly's keys: proposes trials with a {@link Sampler}, trains them through a {@link RunEngine} in
 * batches, ranks them on the validation split alone, and evaluates the best trial's selected checkpoint on the test
 * split once, after the search. A trial's assembly carries everything it needs ({@code train.select.test: deferred},
 * the median rule's curve), so it runs the same on any engine.
 */
@Singleton
public final class TuneService {
    /** The median stopping rule compares a trial with the completed ones once this many have completed. */
    public static final int MEDIAN_STARTUP = 5;
    /** The epochs a trial trains before the median rule may stop it. */
    public static final int MEDIAN_GRACE = 1;
    public static final String TRIALS_JSON = "trials.json";
    public static final String TRIALS_CSV = "trials.csv";
    public static final String BEST_JSON = "best.json";
    public static final String SPACE_COPY = "space.yaml";
    public static final String PLAN_JSON = "tune.json";

    private final RuntimeOptions options;
    private final AssemblyService assemblies;
    private final RunService runs;

    @Inject
    public TuneService(RuntimeOptions options, AssemblyService assemblies, RunService runs) {
        this.options = options;
        this.assemblies = assemblies;
        this.runs = runs;
    }

    /**
     * What a search does; {@code tune.json} in its folder, from which it resumes.
     *
     * @param space     the search space file, as given (the search reads its copy, {@value #SPACE_COPY})
     * @param sampler   {@code random} or {@code tpe}
     * @param earlyStop {@code none} or {@code median}
     * @param seed      the sampler's seed; {@code null} takes the assembly's seed
     * @param batch     how many trials are proposed together (from the same completed trials) and trained at once
     */
    public record Plan(String assembly, List<String> overrides, String space, int trials, String sampler,
                       String earlyStop, Long seed, int batch) {
        public Plan {
            overrides = List.copyOf(overrides);
            if (trials < 1) {
                throw new IllegalArgumentException("a search needs --trials >= 1, found " + trials);
            }
            if (batch < 1) {
                throw new IllegalArgumentException("a search needs --batch >= 1, found " + batch);
            }
            if (!EARLY_STOPS.contains(earlyStop)) {
                throw new IllegalArgumentException("unknown --early-stop '" + Fragment.of(earlyStop)
                        + "'; expected one of " + EARLY_STOPS);
            }
            if (!Sampler.IDS.contains(sampler)) {
                throw new IllegalArgumentException("unknown --sampler '" + Fragment.of(sampler) + "'; expected one of "
                        + Sampler.IDS);
            }
        }

        Plan seeded(long value) {
            return new Plan(assembly, overrides, space, trials, sampler, earlyStop, value, batch);
        }
    }

    /** What {@code --early-stop} takes. */
    public static final List<String> EARLY_STOPS = List.of("none", "median");

    /**
     * Reads and checks the space (every key resolved with each end of its range and each choice, and its model's
     * shapes built) before the first trial, then searches in a new folder {@code runs/tune-<stamp>/}.
     *
     * @param progress one line per finished trial
     * @return the search's folder, holding {@code trials.json}, {@code trials.csv}, {@code best.json} and
     *         {@code report.html}
     * @throws AssemblyException naming the space file and line of a key or value that cannot be used
     */
    public RunFolder tune(Plan plan, RunEngine engine, TrainingListener listener, Consumer<String> progress) {
        Path spaceFile = Path.of(plan.space());
        SearchSpace space = SearchSpace.read(spaceFile);
        ResolvedAssembly base = assemblies.resolve(plan.assembly(), plan.overrides());
        check(plan, space);
        Plan seeded = plan.seed() != null ? plan : plan.seeded(base.assembly().seed());
        RunFolder folder = RunFolder.create(options.runs(), "tune", LocalDateTime.now());
        try {
            Files.copy(spaceFile, folder.path().resolve(SPACE_COPY));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the search space into " + folder.path(), e);
        }
        folder.writeJson(PLAN_JSON, seeded);
        return search(folder, seeded, space, engine, listener, progress);
    }

    /**
     * Resumes the search in {@code path} with the plan and space it started with: its trials are proposed again
     * (a proposal depends on the seed and the trials before it alone, so they are the same), completed trials are
     * kept, an interrupted one resumes from its last checkpoint, and the rest are trained.
     *
     * @throws IllegalArgumentException when {@code path} is not a search's folder
     */
    public RunFolder resume(Path path, RunEngine engine, TrainingListener listener, Consumer<String> progress) {
        if (!Files.isRegularFile(path.resolve(PLAN_JSON)) || !Files.isRegularFile(path.resolve(SPACE_COPY))) {
            throw new IllegalArgumentException("--resume " + path + ": not a search's folder (it has no " + PLAN_JSON
                    + " and " + SPACE_COPY + ")");
        }
        RunFolder folder = RunFolder.at(path);
        Plan plan = folder.readJson(PLAN_JSON, Plan.class);
        return search(folder, plan, SearchSpace.read(path.resolve(SPACE_COPY)), engine, listener, progress);
    }

    private RunFolder search(RunFolder folder, Plan plan, SearchSpace space, RunEngine engine,
                             TrainingListener listener, Consumer<String> progress) {
        long started = System.nanoTime();
        ResolvedAssembly base = assemblies.resolve(plan.assembly(), plan.overrides());
        String metric = base.train().selectionMetric();
        Direction direction = Metric.fromId(metric).direction();
        long seed = plan.seed();
        Sampler sampler = Sampler.of(plan.sampler(), space, seed);
        List<TrialRecord> records = new ArrayList<>();
        List<List<Double>> curves = new ArrayList<>();
        while (records.size() < plan.trials()) {
            List<Observation> observed = observations(records, direction);
            List<Double> medianCurve = plan.earlyStop().equals("median")
                    ? MedianStop.medianCurve(curves, MEDIAN_STARTUP, direction) : List.of();
            List<RunTask> tasks = new ArrayList<>();
            List<Map<String, Object>> proposed = new ArrayList<>();
            List<Integer> planned = new ArrayList<>();
            for (int i = 0; i < plan.batch() && records.size() + i < plan.trials(); i++) {
                int trial = records.size() + i + 1;
                Map<String, Object> values = sampler.propose(trial, observed);
                proposed.add(values);
                ResolvedAssembly assembly = assemblies.resolve(plan.assembly(), trialOverrides(plan, values,
                        medianCurve));
                planned.add(assembly.train().totalEpochs());
                tasks.add(new RunTask("trial " + trial + " of " + plan.trials() + " " + describe(values),
                        folder.path().resolve(trialFolder(trial)), ResolvedAssemblyWriter.toYaml(assembly)));
            }
            List<RunOutcome> outcomes = engine.runAll(tasks, listener);
            for (int i = 0; i < outcomes.size(); i++) {
                int trial = records.size() + 1;
                TrialRecord record = record(trial, proposed.get(i), outcomes.get(i), metric, medianCurve, direction,
                        planned.get(i));
                records.add(record);
                if (record.completed()) {
                    curves.add(EpochTable.of(RunFolder.open(outcomes.get(i).task().folder()))
                            .numbers("valid_" + metric));
                }
                progress.accept(progressLine(record, plan.trials(), metric, records, direction));
            }
            write(folder, summary(plan, seed, space, metric, direction, records, 0, Map.of(), Map.of(), Map.of(),
                    started));
        }
        int best = best(records, direction);
        TuneSummary summary;
        if (best == 0) {
            summary = summary(plan, seed, space, metric, direction, records, 0, Map.of(), Map.of(), Map.of(), started);
        } else {
            Path bestFolder = folder.path().resolve(trialFolder(best));
            RunSummary tested = RunFolder.open(bestFolder).summary();
            if (tested.test().isEmpty()) {
                listener.message("evaluating trial " + best + "'s selected checkpoint on the test split, once");
                tested = runs.evaluateSelected(bestFolder, listener);
            }
            summary = summary(plan, seed, space, metric, direction, records, best, tested.valid(), tested.test(),
                    tested.domainTests(), started);
        }
        write(folder, summary);
        folder.writeJson(BEST_JSON, best(summary));
        try {
            TuneReport.write(folder, summary);
        } catch (RuntimeException e) {
            listener.message("cannot write the search's " + TuneReport.FILE + ": " + e.getMessage());
        }
        return folder;
    }

    /** The run folder of trial {@code trial}, under the search's: {@code trial-007}. */
    public static String trialFolder(int trial) {
        return String.format(Locale.ROOT, "trial-%03d", trial);
    }

    /**
     * Resolves the assembly with each value the space may give a key (its range's ends, each choice), one key at a
     * time, and builds its model's shapes, so that a key the assembly does not have or a value it refuses stops the
     * search before the first trial.
     *
     * @throws AssemblyException at the space file's line of the key
     */
    private void check(Plan plan, SearchSpace space) {
        List<AssemblyException.Problem> problems = new ArrayList<>();
        for (Dimension dimension : space.dimensions()) {
            for (Object value : dimension.probes()) {
                String setting = dimension.key() + "=" + Dimension.yaml(value);
                List<String> overrides = new ArrayList<>(plan.overrides());
                overrides.add(setting);
                try {
                    assemblies.resolveBuilt(Variant.of(plan.assembly()), overrides);
                } catch (AssemblyException | IllegalArgumentException e) {
                    problems.add(new AssemblyException.Problem(dimension.origin(), Fragment.quote(dimension.key())
                            + ": the assembly refuses " + Fragment.of(Dimension.shown(value)) + ": "
                            + e.getMessage()));
                    break;
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new AssemblyException(problems);
        }
    }

    /** The trial's settings: the command's, the sampled values, and what the trial's assembly must carry. */
    private static List<String> trialOverrides(Plan plan, Map<String, Object> values, List<Double> medianCurve) {
        List<String> overrides = new ArrayList<>(plan.overrides());
        values.forEach((key, value) -> overrides.add(key + "=" + Dimension.yaml(value)));
        overrides.add("train.select.test=deferred");
        if (!medianCurve.isEmpty()) {
            overrides.add("train.select.median-curve=" + medianCurve.stream().map(String::valueOf).toList());
            overrides.add("train.select.median-from=" + (MEDIAN_GRACE + 1));
        }
        return overrides;
    }

    private static TrialRecord record(int trial, Map<String, Object> values, RunOutcome outcome, String metric,
                                      List<Double> medianCurve, Direction direction, int plannedEpochs) {
        String folder = trialFolder(trial);
        if (!outcome.completed()) {
            return new TrialRecord(trial, folder, values, TrialRecord.FAILED, null, 0, false, outcome.error());
        }
        RunFolder run = RunFolder.open(outcome.task().folder());
        RunSummary summary = run.summary();
        List<Double> curve = EpochTable.of(run).numbers("valid_" + metric);
        // The trainer stops a trial after the epoch where the rule first holds: recomputed here from its curve.
        boolean stopped = summary.epochs() < plannedEpochs && new MedianStop(medianCurve, MEDIAN_GRACE + 1,
                direction).stopsAfter(summary.epochs(), bestOf(curve, direction));
        return new TrialRecord(trial, folder, values, TrialRecord.COMPLETED, summary.valid().get(metric),
                summary.epochs(), stopped, null);
    }

    private static double bestOf(List<Double> curve, Direction direction) {
        double best = Double.NaN;
        for (double value : curve) {
            if (direction.isBetter(value, best)) {
                best = value;
            }
        }
        return best;
    }

    /** The completed trials with a defined score, as the sampler sees them: lower is better. */
    private static List<Observation> observations(List<TrialRecord> records, Direction direction) {
        return records.stream().filter(r -> r.completed() && r.valid() != null && Double.isFinite(r.valid()))
                .map(r -> new Observation(r.trial(), r.values(), direction == Direction.HIGHER_IS_BETTER
                        ? -r.valid() : r.valid())).toList();
    }

    /** The number of the trial with the best validation score, the earliest of equals; 0 when none has one. */
    static int best(List<TrialRecord> records, Direction direction) {
        List<Integer> best = direction.best(records.stream().map(TrialRecord::valid).toList());
        return best.isEmpty() ? 0 : records.get(best.get(0)).trial();
    }

    private static TuneSummary summary(Plan plan, long seed, SearchSpace space, String metric, Direction direction,
                                       List<TrialRecord> records, int best, Map<String, Double> valid,
                                       Map<String, Double> test, Map<String, Map<String, Double>> domainTests,
                                       long started) {
        return new TuneSummary(plan.assembly(), plan.space(), metric,
                direction == Direction.HIGHER_IS_BETTER ? "higher" : "lower", plan.sampler(), seed,
                plan.earlyStop(), plan.trials(), records, best, valid, test, domainTests,
                (System.nanoTime() - started) / 1e9);
    }

    /** {@code best.json}: the best trial, its values and its metrics, the test ones labelled as evaluated once. */
    private static Map<String, Object> best(TuneSummary summary) {
        Map<String, Object> best = new LinkedHashMap<>();
        best.put("trial", summary.bestTrial());
        summary.trials().stream().filter(t -> t.trial() == summary.bestTrial()).findFirst().ifPresent(t -> {
            best.put("folder", t.folder());
            best.put("values", t.values());
        });
        best.put("selection", summary.metric() + " on the validation split");
        best.put("valid", summary.valid());
        best.put("test", summary.test());
        best.put("domainTests", summary.domainTests());
        best.put("testNote", TuneSummary.TEST_NOTE);
        return best;
    }

    /** {@code trials.json} and {@code trials.csv}. */
    private static void write(RunFolder folder, TuneSummary summary) {
        folder.writeJson(TRIALS_JSON, summary);
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("trial"));
        List<String> keys = summary.trials().isEmpty() ? List.of()
                : List.copyOf(summary.trials().get(0).values().keySet());
        header.addAll(keys);
        header.addAll(List.of("valid_" + summary.metric(), "epochs", "stopped_early", "state"));
        rows.add(header);
        for (TrialRecord trial : summary.trials()) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(trial.trial())));
            keys.forEach(key -> row.add(String.valueOf(trial.values().get(key))));
            row.addAll(List.of(trial.valid() == null ? "" : String.format(Locale.ROOT, "%.6f", trial.valid()),
                    Integer.toString(trial.epochs()), Boolean.toString(trial.stoppedEarly()), trial.state()));
            rows.add(row);
        }
        folder.writeCsv(TRIALS_CSV, rows);
    }

    private static String describe(Map<String, Object> values) {
        List<String> parts = new ArrayList<>();
        values.forEach((key, value) -> parts.add(key.substring(key.lastIndexOf('.') + 1) + "="
                + Dimension.shown(value)));
        return "[" + String.join(", ", parts) + "]";
    }

    private static String progressLine(TrialRecord record, int trials, String metric, List<TrialRecord> records,
                                       Direction direction) {
        String score = record.completed() ? String.format(Locale.ROOT, "valid %s %.4f, %d epochs%s", metric,
                record.valid(), record.epochs(), record.stoppedEarly() ? " (stopped early: below the median)" : "")
                : "failed: " + Fragment.bounded(String.valueOf(record.error()));
        int best = best(records, direction);
        String bestSoFar = best == 0 ? "" : String.format(Locale.ROOT, "; best so far trial %d (%.4f)", best,
                records.get(best - 1).valid());
        return "trial " + record.trial() + " of " + trials + " " + describe(record.values()) + ": " + score
                + bestSoFar;
    }
}
