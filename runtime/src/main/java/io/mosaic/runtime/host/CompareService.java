package io.mosaic.runtime.host;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.mosaic.runtime.assembly.AssemblyException;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.compare.AssemblyComparison;
import io.mosaic.runtime.compare.AssemblyComparisons;
import io.mosaic.runtime.compare.Comparison;
import io.mosaic.runtime.compare.ComparisonFiles;
import io.mosaic.runtime.compare.DataAlignment;
import io.mosaic.runtime.compare.DataIdentity;
import io.mosaic.runtime.compare.DomainTestComparison;
import io.mosaic.runtime.compare.EpochTimes;
import io.mosaic.runtime.compare.FailedAssembly;
import io.mosaic.runtime.compare.FinishedComparison;
import io.mosaic.runtime.compare.FinishedRuns;
import io.mosaic.runtime.compare.OverSeeds;
import io.mosaic.runtime.compare.PeakResident;
import io.mosaic.runtime.compare.SweepComparison;
import io.mosaic.runtime.compare.TrainingCurve;
import io.mosaic.runtime.compare.report.ComparisonReport;
import io.mosaic.runtime.engine.LocalEngine;
import io.mosaic.runtime.engine.RunBatch;
import io.mosaic.runtime.engine.RunEngine;
import io.mosaic.runtime.engine.RunOutcome;
import io.mosaic.runtime.engine.RunTask;
import io.mosaic.runtime.engine.RunsFailedException;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.run.RunSummary;
import io.mosaic.runtime.train.TrainingListener;
import io.mosaic.runtime.variants.Variant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Compares assemblies: trains each as a seed group with the same seeds on the same data, in one
 * {@code runs/compare-<stamp>/} folder, and writes {@code comparison.json}, {@code comparison.csv} and the HTML
 * report {@code comparison.html}.
 */
@Singleton
public final class CompareService {
    private final RuntimeOptions options;
    private final AssemblyService assemblies;
    private final RunService runs;

    @Inject
    public CompareService(RuntimeOptions options, AssemblyService assemblies, RunService runs) {
        this.options = options;
        this.assemblies = assemblies;
        this.runs = runs;
    }

    /**
     * Trains every assembly of {@code namesOrFiles} with the first one's seed and the next {@code count - 1}, all on
     * the first one's data seed, each in the seed group {@code <assembly>/} of a new comparison folder, one after
     * another in this process; an assembly whose run fails fails the comparison, after it is written.
     *
     * @return the comparison's folder
     * @throws IllegalArgumentException when fewer than two assemblies are given, two share a name, or their data
     *                                  differ
     */
    public RunFolder compare(List<String> namesOrFiles, List<String> overrides, int count,
                             TrainingListener listener) {
        try (RunEngine engine = new LocalEngine(runs)) {
            RunFolder folder = compareVariants(namesOrFiles.stream().map(Variant::of).toList(), overrides, count,
                    engine, listener);
            Comparison comparison = ComparisonFiles.read(folder);
            if (!comparison.failed().isEmpty()) {
                throw new IllegalStateException("comparison " + folder.path() + " is written without "
                        + comparison.failed().stream().map(f -> f.assembly() + " (" + f.error() + ")").toList());
            }
            return folder;
        }
    }

    /**
     * Trains every variant with the first one's seed and the next {@code count - 1}, all on the first one's data seed,
     * each in a seed group of a new comparison folder named by the variant (folder-safe). The first variant is the
     * reference of the paired tests. Every variant is resolved and its model's shapes built before the first trains;
     * then every run (each variant's seeds) goes to {@code engine} as one batch, and the comparison is written from
     * the run folders. An assembly a run of which failed is left out of the tables and listed with its runs' errors
     * in {@link Comparison#failed()}; when the reference is among them, the others have no paired tests. The
     * comparison is written when at least one assembly completed.
     *
     * @return the comparison's folder
     * @throws RunsFailedException      when every assembly failed
     * @throws IllegalArgumentException when fewer than two variants are given, two share a name, their data differ,
     *                                  or a variant cannot be used (naming it)
     */
    public RunFolder compareVariants(List<Variant> variants, List<String> overrides, int count, RunEngine engine,
                                     TrainingListener listener) {
        if (variants.size() < 2) {
            throw new IllegalArgumentException("a comparison needs at least two assemblies or variants, found "
                    + variants.size());
        }
        if (count < 1) {
            throw new IllegalArgumentException("--seeds must be at least 1, found " + count);
        }
        ResolvedAssembly reference = assemblies.resolveBuilt(variants.get(0), overrides);
        List<String> sameData = concat(overrides, List.of("data.seed=" + reference.dataSeed()));
        Map<String, DataIdentity> data = new LinkedHashMap<>();
        Map<String, String> selection = new LinkedHashMap<>();
        for (Variant variant : variants) {
            ResolvedAssembly assembly = assemblies.resolveBuilt(variant, sameData);
            String name = variant.name(assembly.name());
            if (data.put(name, DataIdentity.of(assembly)) != null) {
                throw new IllegalArgumentException("assembly '" + name + "' is given twice; a comparison "
                        + "needs assemblies with distinct names");
            }
            selection.put(name, assembly.train().selectionMetric());
        }
        DataIdentity.difference(data).ifPresent(difference -> {
            throw new IllegalArgumentException(difference + DataAlignment.find(data, selection,
                            settings -> readSameData(variants, concat(sameData, settings)))
                    .map(settings -> "; to compare them on the same data, add " + DataAlignment.asOptions(settings))
                    .orElse("; no --set of their data and selection metric makes them read the same data"));
        });
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            seeds.add(reference.assembly().seed() + i);
        }
        RunFolder folder = RunFolder.create(options.runs(), "compare", LocalDateTime.now());
        List<String> names = List.copyOf(data.keySet());
        List<String> groups = Variant.folders(names);
        List<RunFolder> groupFolders = groups.stream().map(group -> RunFolder.named(folder.path(), group)).toList();
        List<List<RunTask>> tasks = new ArrayList<>();
        for (int a = 0; a < names.size(); a++) {
            Variant variant = variants.get(a);
            tasks.add(runs.seedTasks(groupFolders.get(a), names.get(a), variant.source(), variant.over(overrides),
                    seeds, reference.dataSeed()));
        }
        PeakResident.Scope peakScope = PeakResident.scopeOfRunPeaks();
        List<List<RunOutcome>> outcomes = RunBatch.split(tasks,
                RunService.runAll(engine, RunBatch.flatten(tasks), groupFolders, listener));
        List<AssemblyComparison> results = new ArrayList<>();
        List<FailedAssembly> failed = new ArrayList<>();
        Map<String, OverSeeds> referenceTest = Map.of();
        Map<String, DomainTestComparison> referenceDomainTests = Map.of();
        Map<String, SweepComparison> referenceSweeps = Map.of();
        for (int a = 0; a < names.size(); a++) {
            RunFolder group = groupFolders.get(a);
            if (runs.finishSeedGroup(group, outcomes.get(a), listener).isEmpty()) {
                failed.add(FailedAssembly.of(names.get(a), groups.get(a), RunBatch.failed(outcomes.get(a))));
                continue;
            }
            List<RunFolder> seedRuns = outcomes.get(a).stream().map(o -> RunFolder.open(o.task().folder())).toList();
            List<RunSummary> summaries = seedRuns.stream().map(RunFolder::summary).toList();
            double peak = summaries.stream().mapToDouble(RunSummary::peakResidentMegabytes).max().orElseThrow();
            AssemblyComparison result = AssemblyComparisons.of(names.get(a), groups.get(a), summaries,
                    EpochTimes.of(seedRuns), TrainingCurve.of(seedRuns), new PeakResident(peak, peakScope),
                    referenceTest, referenceDomainTests, referenceSweeps);
            if (a == 0) {
                referenceTest = result.test();
                referenceDomainTests = result.domainTests();
                referenceSweeps = result.sweeps();
            }
            results.add(result);
        }
        if (results.isEmpty()) {
            throw new RunsFailedException("comparison " + folder.path() + " (every assembly failed)",
                    RunBatch.failed(RunBatch.flatten(outcomes)));
        }
        Comparison comparison = new Comparison(names.get(0), seeds, reference.dataSeed(),
                reference.dataset().description(), reference.dataSpec().task().toString(), results).withFailed(failed);
        ComparisonFiles.write(folder, comparison);
        ComparisonReport.write(folder, comparison);
        return folder;
    }

    /**
     * Compares finished run folders and seed groups without training: the same files and report as
     * {@link #compareVariants}, in a new comparison folder, from the runs' own results.
     *
     * @param folders the reference first
     * @return the comparison's folder
     * @throws IllegalArgumentException naming the folder and file when one is not finished or cannot be read, and
     *                                  each setting and both values when their data or seeds differ
     */
    public RunFolder compareFinished(List<Path> folders) {
        List<FinishedRuns> finished = folders.stream().map(FinishedRuns::open).toList();
        FinishedComparison.check(finished);
        RunFolder folder = RunFolder.create(options.runs(), "compare", LocalDateTime.now());
        try {
            Comparison comparison = FinishedComparison.of(finished, folder.path());
            ComparisonFiles.write(folder, comparison);
            ComparisonReport.write(folder, comparison);
            return folder;
        } catch (RuntimeException e) {
            removeIfEmpty(folder.path(), e);
            throw e;
        }
    }

    /** Removes the folder of a comparison that failed before writing anything; one that cannot be is added. */
    private static void removeIfEmpty(Path folder, RuntimeException failure) {
        try (Stream<Path> files = Files.list(folder)) {
            if (files.findAny().isEmpty()) {
                Files.delete(folder);
            }
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Whether every variant resolves with {@code overrides} (under its own settings) and reads the same data. */
    private boolean readSameData(List<Variant> variants, List<String> overrides) {
        Map<String, DataIdentity> data = new LinkedHashMap<>();
        try {
            variants.forEach(variant -> data.put(variant.describe(), DataIdentity.of(assemblies.resolve(
                    variant.source(), variant.over(overrides)))));
        } catch (AssemblyException e) {
            return false;
        }
        return DataIdentity.difference(data).isEmpty();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }
}
