package io.mosaic.runtime.compare;

import io.mosaic.runtime.metrics.MeanStd;
import io.mosaic.runtime.run.RunSummary;
import io.mosaic.runtime.run.SweepSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Summarises an assembly's runs, one per seed, into its part of a comparison. */
public final class AssemblyComparisons {

    private AssemblyComparisons() {
    }

    /**
     * @param assembly  its name in the comparison: the assembly's, or a variant's ({@code baseline[lr=1e-3]})
     * @param group     the seed group's folder, relative to the comparison's folder
     * @param runs      the assembly's runs, in the comparison's seed order
     * @param peak      measured around the whole seed group, not by each run
     * @param reference the reference assembly's test metrics (in the same seed order), or an empty map for the
     *                  reference itself
     */
    public static AssemblyComparison of(String assembly, String group, List<RunSummary> runs, EpochTimes times,
                                        TrainingCurve training, PeakResident peak,
                                        Map<String, OverSeeds> reference) {
        return of(assembly, group, runs, times, training, peak, reference, Map.of(), Map.of());
    }

    /**
     * @param reference            the reference assembly's test metrics (in the same seed order), or an empty map for
     *                             the reference itself
     * @param referenceDomainTests the reference assembly's domain test splits, or an empty map for the reference
     *                             itself
     * @param referenceSweeps      the reference assembly's sweeps, which this one's effective robustness is measured
     *                             against, or an empty map for the reference itself
     */
    public static AssemblyComparison of(String assembly, String group, List<RunSummary> runs, EpochTimes times,
                                        TrainingCurve training, PeakResident peak,
                                        Map<String, OverSeeds> reference,
                                        Map<String, DomainTestComparison> referenceDomainTests,
                                        Map<String, SweepComparison> referenceSweeps) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("an assembly's comparison needs at least one run, found none");
        }
        RunSummary first = runs.get(0);
        Map<String, OverSeeds> test = overSeeds(runs, RunSummary::test);
        Map<String, DomainTestComparison> domainTests = new LinkedHashMap<>();
        first.domainTests().keySet().forEach(split -> {
            Map<String, OverSeeds> metrics = overSeeds(runs, run -> run.domainTests().get(split));
            DomainTestComparison against = referenceDomainTests.get(split);
            domainTests.put(split, new DomainTestComparison(metrics,
                    paired(against == null ? Map.of() : against.metrics(), metrics)));
        });
        Map<String, SweepComparison> sweeps = new LinkedHashMap<>();
        first.sweeps().forEach((protocol, sweep) -> {
            SweepComparison own = sweep(protocol, sweep, runs);
            SweepComparison referenceSweep = referenceSweeps.get(protocol);
            sweeps.put(protocol, referenceSweep == null ? own : own.against(referenceSweep));
        });
        return new AssemblyComparison(assembly, group, overSeeds(runs, RunSummary::valid), test,
                paired(reference, test), domainTests, first.parameters().get("total"), times.medianSecondsPerEpoch(),
                times.meanSamplesPerSecond(), training, peak, sweeps);
    }

    /** A paired t-test of each metric both report, seed by seed against the reference's. */
    private static Map<String, PairedTest> paired(Map<String, OverSeeds> reference, Map<String, OverSeeds> own) {
        Map<String, PairedTest> paired = new LinkedHashMap<>();
        reference.forEach((metric, values) -> {
            if (own.containsKey(metric)) {
                paired.put(metric, PairedTest.of(values.values(), own.get(metric).values()));
            }
        });
        return paired;
    }

    private static Map<String, OverSeeds> overSeeds(List<RunSummary> runs,
                                                    Function<RunSummary, Map<String, Double>> split) {
        Map<String, OverSeeds> result = new LinkedHashMap<>();
        split.apply(runs.get(0)).keySet().forEach(metric -> result.put(metric,
                OverSeeds.of(runs.stream().map(run -> split.apply(run).get(metric)).toList())));
        return result;
    }

    /** The mean curve of each metric, level by level, and its AUILC's and relative robustness' mean and std. */
    private static SweepComparison sweep(String protocol, SweepSummary first, List<RunSummary> runs) {
        List<SweepSummary> sweeps = runs.stream().map(run -> run.sweeps().get(protocol)).toList();
        Map<String, List<Double>> curves = new LinkedHashMap<>();
        first.curves().keySet().forEach(metric -> {
            List<Double> mean = new ArrayList<>();
            for (int r = 0; r < first.rates().size(); r++) {
                int rate = r;
                mean.add(MeanStd.of(sweeps.stream().map(s -> s.curves().get(metric).get(rate)).toList()).mean());
            }
            curves.put(metric, mean);
        });
        Map<String, MeanStd> auilc = new LinkedHashMap<>();
        first.auilc().keySet().forEach(metric -> auilc.put(metric,
                MeanStd.of(sweeps.stream().map(s -> s.auilc().get(metric)).toList())));
        Map<String, MeanStd> relative = new LinkedHashMap<>();
        first.relativeRobustness().keySet().forEach(metric -> relative.put(metric,
                MeanStd.of(sweeps.stream().map(s -> s.relativeRobustness().get(metric)).toList())));
        return new SweepComparison(first.rates(), curves, auilc, relative, Map.of());
    }
}
