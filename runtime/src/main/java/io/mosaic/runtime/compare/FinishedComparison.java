package io.mosaic.runtime.compare;

import io.mosaic.runtime.run.RunSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * A comparison of runs already made: the same {@link Comparison} a trained one gives, from finished run folders and
 * seed groups that trained with the same seeds on the same data. The peak memory of each is the highest its runs'
 * processes reached ({@link PeakResident.Scope#PROCESS}): a run records its process's peak, not its own.
 */
public final class FinishedComparison {

    private FinishedComparison() {
    }

    /**
     * Compares {@code finished}, the reference first, as if {@code compare} had trained them.
     *
     * @param folder where the comparison is written: each group is named relative to it
     * @throws IllegalArgumentException when fewer than two are given, or their data or seeds differ (naming each
     *                                  setting and both values)
     */
    public static Comparison of(List<FinishedRuns> finished, Path folder) {
        if (finished.size() < 2) {
            throw new IllegalArgumentException("a comparison needs at least two run folders or seed groups, found "
                    + finished.size());
        }
        check(finished);
        List<String> names = names(finished);
        List<AssemblyComparison> results = new ArrayList<>();
        Map<String, OverSeeds> referenceTest = Map.of();
        Map<String, DomainTestComparison> referenceDomainTests = Map.of();
        Map<String, SweepComparison> referenceSweeps = Map.of();
        for (int i = 0; i < finished.size(); i++) {
            FinishedRuns runs = finished.get(i);
            double peak = runs.results().stream().mapToDouble(RunSummary::peakResidentMegabytes).max().orElseThrow();
            AssemblyComparison result = AssemblyComparisons.of(names.get(i),
                    folder.toAbsolutePath().normalize().relativize(runs.folder()).toString(), runs.results(),
                    EpochTimes.of(runs.runs()), TrainingCurve.of(runs.runs()),
                    new PeakResident(peak, PeakResident.Scope.PROCESS), referenceTest, referenceDomainTests,
                    referenceSweeps);
            if (i == 0) {
                referenceTest = result.test();
                referenceDomainTests = result.domainTests();
                referenceSweeps = result.sweeps();
            }
            results.add(result);
        }
        RunSummary first = finished.get(0).results().get(0);
        return new Comparison(names.get(0), finished.get(0).seeds(), finished.get(0).dataSeed(), first.data(),
                first.task(), results);
    }

    /**
     * Refuses finished runs that a comparison cannot pair: other data (any setting of the recorded {@code data:}
     * block, the data seed among them) or other training seeds than the reference's.
     */
    public static void check(List<FinishedRuns> finished) {
        FinishedRuns reference = finished.get(0);
        for (FinishedRuns other : finished.subList(1, finished.size())) {
            List<String> differences = new ArrayList<>(FinishedRuns.differences(reference.data(), reference.folder(),
                    other.data(), other.folder()));
            if (!reference.seeds().equals(other.seeds())) {
                differences.add("seeds: " + reference.seeds() + " in " + reference.folder() + ", " + other.seeds()
                        + " in " + other.folder());
            }
            if (!differences.isEmpty()) {
                throw new IllegalArgumentException("finished runs compared must have trained with the same seeds on "
                        + "the same data: " + String.join("; ", differences));
            }
        }
    }

    /** Each one's assembly name; their folders' names when two share an assembly. */
    private static List<String> names(List<FinishedRuns> finished) {
        List<String> assemblies = finished.stream().map(FinishedRuns::assembly).toList();
        if (new HashSet<>(assemblies).size() == assemblies.size()) {
            return assemblies;
        }
        List<String> folders = finished.stream().map(f -> f.folder().getFileName().toString()).toList();
        if (new HashSet<>(folders).size() == folders.size()) {
            return folders;
        }
        return finished.stream().map(f -> f.folder().toString()).toList();
    }
}
