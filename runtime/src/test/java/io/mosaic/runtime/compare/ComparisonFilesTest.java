package io.mosaic.runtime.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mosaic.runtime.metrics.MeanStd;
import io.mosaic.runtime.run.RunFolder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonFilesTest {
    private static final TrainingCurve TRAINING = new TrainingCurve("mae", List.of(1, 2), List.of(2.0, 1.5),
            Arrays.asList(1.0, null), List.of(2, 1));

    @TempDir
    Path runs;

    private static Comparison comparison() {
        AssemblyComparison reference = new AssemblyComparison("baseline", "baseline",
                Map.of("mae", OverSeeds.of(List.of(1.0, 1.0))), Map.of("mae", OverSeeds.of(List.of(1.0, 3.0))),
                Map.of(), Map.of(), 100, 0.5, 1000.0, TRAINING, new PeakResident(512.0, PeakResident.Scope.ASSEMBLY),
                Map.of());
        AssemblyComparison candidate = new AssemblyComparison("rmfm", "rmfm",
                Map.of("mae", OverSeeds.of(List.of(1.0, 1.0))), Map.of("mae", OverSeeds.of(List.of(2.0, 5.0))),
                Map.of("mae", new PairedTest(1.5, 0.25, null)), Map.of(), 100, 0.75, 800.0, TRAINING,
                new PeakResident(Double.NaN, PeakResident.Scope.PROCESS),
                Map.of("rmfm", new SweepComparison(List.of(0.0, 1.0), Map.of("mae", List.of(2.0, 4.0)),
                        Map.of("mae", new MeanStd(3.0, 0.5, 2)), Map.of("mae", new MeanStd(3.0, 0.5, 2)),
                        Map.of("mae", 0.25))));
        return new Comparison("baseline", List.of(7L, 8L), 7, "testbed tiny", "regression",
                List.of(reference, candidate));
    }

    @Test
    void theCsvHasOneRowPerAssemblyAndNumber() {
        List<List<String>> rows = ComparisonFiles.rows(comparison());

        assertThat(rows.get(0)).containsExactly("assembly", "kind", "metric", "rate", "mean", "std", "values",
                "mean_difference", "p_value");
        assertThat(rows).contains(
                List.of("baseline", "test", "mae", "", "2.000000", "1.000000", "1.000000;3.000000", "", ""),
                List.of("rmfm", "test", "mae", "", "3.500000", "1.500000", "2.000000;5.000000", "1.500000",
                        "0.250000"),
                List.of("rmfm", "cost", "parameters", "", "100", "", "", "", ""),
                List.of("baseline", "cost", "peak_resident_mb:assembly", "", "512.000000", "", "", "", ""),
                List.of("rmfm", "cost", "peak_resident_mb:process", "", "NaN", "", "", "", ""),
                List.of("rmfm", "auilc:rmfm", "mae", "", "3.000000", "0.500000", "", "", ""),
                List.of("rmfm", "relative_robustness:rmfm", "mae", "", "3.000000", "0.500000", "", "", ""),
                List.of("rmfm", "effective_robustness:rmfm", "mae", "", "0.250000", "", "", "", ""),
                List.of("rmfm", "curve:rmfm", "mae", "1.000000", "4.000000", "", "", "", ""));
        // Per assembly: valid and test of one metric, four costs; the candidate adds an AUILC, a relative and an
        // effective robustness and a two-point curve.
        assertThat(rows).hasSize(1 + 6 + 6 + 3 + 2);
    }

    @Test
    void eachDomainTestSplitHasItsRowsAndReadsBack() {
        DomainTestComparison target = new DomainTestComparison(Map.of("accuracy", OverSeeds.of(List.of(0.5, 0.7))),
                Map.of("accuracy", new PairedTest(0.1, 0.5, null)));
        AssemblyComparison dg = new AssemblyComparison("dg", "dg", Map.of(), Map.of(), Map.of(),
                Map.of("target-1", target), 100, 0.5, 1000.0, TRAINING, new PeakResident(1.0,
                PeakResident.Scope.ASSEMBLY), Map.of());
        Comparison comparison = new Comparison("dg", List.of(7L, 8L), 7, "npz a.npz, b.npz", "classes-3",
                List.of(dg));
        RunFolder folder = RunFolder.named(runs, "compare");

        ComparisonFiles.write(folder, comparison);

        assertThat(ComparisonFiles.rows(comparison)).contains(List.of("dg", "target-1", "accuracy", "", "0.600000",
                "0.100000", "0.500000;0.700000", "0.100000", "0.500000"));
        assertThat(ComparisonFiles.read(folder)).isEqualTo(comparison);
    }

    @Test
    void theJsonReadsBackAsTheComparison() {
        RunFolder folder = RunFolder.named(runs, "compare");

        ComparisonFiles.write(folder, comparison());

        assertThat(ComparisonFiles.read(folder)).isEqualTo(comparison());
        assertThat(folder.readText(ComparisonFiles.JSON)).contains("\"relative_robustness\" : {")
                .contains("\"effective_robustness\" : {");
        assertThat(folder.readText(ComparisonFiles.JSON)).contains("\"pValueWarning\" : \"p-values from 2 seeds are "
                + "a weak guide: a paired t-test on fewer than 5 seeds has little power and leans on normality; use "
                + "--seeds 5 or more\"");
        assertThat(folder.readText(ComparisonFiles.CSV)).startsWith(
                "assembly,kind,metric,rate,mean,std,values,mean_difference,p_value\n");
    }

    @Test
    void aComparisonWhoseAssembliesAllCompletedHasNoFailedKeyAndOneWithAFailureListsIt() {
        RunFolder folder = RunFolder.named(runs, "compare");
        ComparisonFiles.write(folder, comparison());
        assertThat(folder.readText(ComparisonFiles.JSON)).doesNotContain("\"failed\"");
        assertThat(ComparisonFiles.read(folder).failed()).isEmpty();

        Comparison withFailure = comparison().withFailed(List.of(new FailedAssembly("cider-x", "cider-x",
                "cider-x seed 7: encoder 'x' failed in forward: boom")));
        ComparisonFiles.write(folder, withFailure);

        assertThat(folder.readText(ComparisonFiles.JSON)).contains("\"failed\" : [ {\n    \"assembly\" : "
                + "\"cider-x\",\n    \"group\" : \"cider-x\",\n    \"error\" : \"cider-x seed 7: encoder 'x' failed in "
                + "forward: boom\"\n  } ]");
        assertThat(ComparisonFiles.read(folder)).isEqualTo(withFailure);
        assertThat(ComparisonFiles.rows(withFailure)).as("the CSV holds the results only")
                .isEqualTo(ComparisonFiles.rows(comparison()));
    }

    @Test
    void aComparisonWrittenBeforeTheRobustnessMeasuresStillReads() throws Exception {
        RunFolder folder = RunFolder.named(runs, "compare");
        ComparisonFiles.write(folder, comparison());
        ObjectMapper mapper = new ObjectMapper();
        JsonNode tree = mapper.readTree(folder.readText(ComparisonFiles.JSON));
        for (JsonNode assembly : tree.get("assemblies")) {
            for (JsonNode sweep : assembly.get("sweeps")) {
                ((ObjectNode) sweep).remove(List.of("relative_robustness", "effective_robustness"));
            }
        }
        folder.writeText(ComparisonFiles.JSON, mapper.writeValueAsString(tree));

        SweepComparison sweep = ComparisonFiles.read(folder).assemblies().get(1).sweeps().get("rmfm");

        assertThat(sweep.auilc().get("mae").mean()).isEqualTo(3.0);
        assertThat(sweep.relativeRobustness()).isEmpty();
        assertThat(sweep.effectiveRobustness()).isEmpty();
    }

    @Test
    void fiveSeedsOrMoreNeedNoWarning() {
        assertThat(new Comparison("baseline", List.of(1L, 2L, 3L, 4L, 5L), 1, "testbed tiny", "regression",
                List.of()).pValueWarning()).isNull();
        assertThat(new Comparison("baseline", List.of(1L, 2L, 3L, 4L), 1, "testbed tiny", "regression",
                List.of()).pValueWarning()).startsWith("p-values from 4 seeds are a weak guide");
    }
}
