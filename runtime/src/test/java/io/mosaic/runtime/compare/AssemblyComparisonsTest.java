package io.mosaic.runtime.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mosaic.runtime.run.RunSummary;
import io.mosaic.runtime.run.SweepSummary;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssemblyComparisonsTest {
    private static final EpochTimes TIMES = new EpochTimes(1.5, 640.0);
    private static final TrainingCurve TRAINING = new TrainingCurve("mae", List.of(1), List.of(2.0), List.of(1.0),
            List.of(2));
    private static final PeakResident PEAK = new PeakResident(700.0, PeakResident.Scope.ASSEMBLY);

    private static RunSummary run(double validMae, double testMae, List<Double> curve, double auilc, double peak) {
        return new RunSummary("rmfm", "testbed tiny", "regression", 2, 2, "mae", Map.of("head", 10L, "total", 42L),
                Map.of("mae", validMae), Map.of("mae", testMae), Map.of(),
                Map.of("rmfm", new SweepSummary(List.of(0.0, 0.5, 1.0), Map.of("mae", curve), Map.of("mae", auilc))),
                null, 3.0, peak, Map.of());
    }

    @Test
    void everyNumberIsSummarisedOverTheSeeds() {
        List<RunSummary> runs = List.of(run(0.9, 1.0, List.of(1.0, 2.0, 3.0), 2.0, 500),
                run(0.7, 2.0, List.of(3.0, 4.0, 7.0), 5.0, 700));

        AssemblyComparison result = AssemblyComparisons.of("rmfm", "rmfm", runs, TIMES, TRAINING, PEAK, Map.of());

        assertThat(result.assembly()).isEqualTo("rmfm");
        assertThat(result.test().get("mae").values()).containsExactly(1.0, 2.0);
        assertThat(result.test().get("mae").mean()).isEqualTo(1.5);
        assertThat(result.test().get("mae").std()).isEqualTo(0.5);
        assertThat(result.valid().get("mae").mean()).isCloseTo(0.8, within(1e-12));
        assertThat(result.paired()).as("the reference is not tested against itself").isEmpty();
        assertThat(result.parameters()).isEqualTo(42L);
        assertThat(result.secondsPerEpoch()).isEqualTo(1.5);
        assertThat(result.samplesPerSecond()).isEqualTo(640.0);
        assertThat(result.training()).isEqualTo(TRAINING);
        assertThat(result.peakResident()).as("measured around the seed group, not by its runs").isEqualTo(PEAK);
        SweepComparison sweep = result.sweeps().get("rmfm");
        assertThat(sweep.rates()).containsExactly(0.0, 0.5, 1.0);
        assertThat(sweep.curves().get("mae")).containsExactly(2.0, 3.0, 5.0);
        assertThat(sweep.auilc().get("mae").mean()).isEqualTo(3.5);
        assertThat(sweep.auilc().get("mae").std()).isEqualTo(1.5);
        // Relative robustness over [0, 1]: the areas 2.0 and 4.5 of the two seeds' curves.
        assertThat(sweep.relativeRobustness().get("mae").mean()).isCloseTo(3.25, within(1e-12));
        assertThat(sweep.relativeRobustness().get("mae").std()).isCloseTo(1.25, within(1e-12));
        assertThat(sweep.effectiveRobustness()).as("the reference is not measured against itself").isEmpty();
    }

    @Test
    void effectiveRobustnessIsMeasuredAgainstTheReferencesMeanCurve() {
        List<RunSummary> runs = List.of(run(0.9, 1.0, List.of(1.0, 2.0, 3.0), 2.0, 500),
                run(0.7, 2.0, List.of(3.0, 4.0, 7.0), 5.0, 700));
        SweepComparison flat = new SweepComparison(List.of(0.0, 0.5, 1.0), Map.of("mae", List.of(2.0, 2.0, 2.0)),
                Map.of(), Map.of(), Map.of());
        SweepComparison otherLevels = new SweepComparison(List.of(0.0, 1.0), Map.of("mae", List.of(2.0, 2.0)),
                Map.of(), Map.of(), Map.of());

        AssemblyComparison result = AssemblyComparisons.of("rmfm", "rmfm", runs, TIMES, TRAINING, PEAK, Map.of(),
                Map.of(), Map.of("rmfm", flat));
        AssemblyComparison elsewhere = AssemblyComparisons.of("rmfm", "rmfm", runs, TIMES, TRAINING, PEAK, Map.of(),
                Map.of(), Map.of("rmfm", otherLevels));

        // Mean curve [2, 3, 5] against a flat 2: gaps [0, 1, 3], area 0.5·0.5 + 0.5·2 = 1.25 over a range of 1.
        assertThat(result.sweeps().get("rmfm").effectiveRobustness().get("mae")).isCloseTo(1.25, within(1e-12));
        assertThat(elsewhere.sweeps().get("rmfm").effectiveRobustness()).as("other levels: no comparison").isEmpty();
    }

    @Test
    void aLaterAssemblyIsTestedSeedBySeedAgainstTheReference() {
        List<RunSummary> runs = List.of(run(0.9, 1.0, List.of(1.0, 1.0, 1.0), 1.0, 500),
                run(0.7, 2.0, List.of(1.0, 1.0, 1.0), 1.0, 500),
                run(0.7, 3.0, List.of(1.0, 1.0, 1.0), 1.0, 500));
        Map<String, OverSeeds> reference = Map.of("mae", OverSeeds.of(List.of(0.0, 0.0, 0.0)),
                "acc7", OverSeeds.of(List.of(0.1, 0.2, 0.3)));

        AssemblyComparison result = AssemblyComparisons.of("rmfm", "rmfm", runs, TIMES, TRAINING, PEAK, reference);

        assertThat(result.paired()).as("only metrics both report").containsOnlyKeys("mae");
        assertThat(result.paired().get("mae").meanDifference()).isEqualTo(2.0);
        assertThat(result.paired().get("mae").pValue()).isCloseTo(0.0741799, within(1e-7));
    }

    private static RunSummary acrossDomains(double test, double source, double target) {
        return new RunSummary("dg", "npz a.npz, b.npz", "classes-3", 2, 2, "accuracy", Map.of("total", 42L),
                Map.of("accuracy", 0.5), Map.of("accuracy", test),
                Map.of("source", Map.of("accuracy", source), "target-1", Map.of("accuracy", target)), Map.of(), null,
                3.0, 700, Map.of());
    }

    @Test
    void eachDomainTestSplitIsSummarisedAndTestedAgainstTheReferencesOwn() {
        List<RunSummary> runs = List.of(acrossDomains(0.4, 0.8, 0.4), acrossDomains(0.5, 0.9, 0.5),
                acrossDomains(0.6, 0.7, 0.6));
        Map<String, DomainTestComparison> reference = Map.of(
                "source", new DomainTestComparison(Map.of("accuracy", OverSeeds.of(List.of(0.8, 0.9, 0.7))), Map.of()),
                "target-1", new DomainTestComparison(Map.of("accuracy", OverSeeds.of(List.of(0.3, 0.3, 0.3))),
                        Map.of()));

        AssemblyComparison first = AssemblyComparisons.of("dg", "dg", runs, TIMES, TRAINING, PEAK, Map.of());
        AssemblyComparison later = AssemblyComparisons.of("dg-mask", "dg-mask", runs, TIMES, TRAINING, PEAK,
                Map.of(), reference, Map.of());

        assertThat(first.domainTests()).containsOnlyKeys("source", "target-1");
        assertThat(first.domainTests().get("target-1").metrics().get("accuracy").values())
                .containsExactly(0.4, 0.5, 0.6);
        assertThat(first.domainTests().get("source").metrics().get("accuracy").mean()).isCloseTo(0.8, within(1e-12));
        assertThat(first.domainTests().get("target-1").paired()).as("the reference itself").isEmpty();
        // target-1: differences 0.1, 0.2, 0.3 against the reference; source: equal seed by seed.
        assertThat(later.domainTests().get("target-1").paired().get("accuracy").meanDifference())
                .isCloseTo(0.2, within(1e-12));
        assertThat(later.domainTests().get("target-1").paired().get("accuracy").pValue())
                .isCloseTo(0.0741799, within(1e-7));
        assertThat(later.domainTests().get("source").paired().get("accuracy").meanDifference())
                .isCloseTo(0.0, within(1e-12));
    }
}
