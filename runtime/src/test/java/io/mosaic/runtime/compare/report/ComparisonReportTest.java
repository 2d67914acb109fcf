package io.mosaic.runtime.compare.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mosaic.runtime.compare.AssemblyComparison;
import io.mosaic.runtime.compare.Comparison;
import io.mosaic.runtime.compare.DomainTestComparison;
import io.mosaic.runtime.compare.OverSeeds;
import io.mosaic.runtime.compare.PairedTest;
import io.mosaic.runtime.compare.PeakResident;
import io.mosaic.runtime.compare.SweepComparison;
import io.mosaic.runtime.compare.TrainingCurve;
import io.mosaic.runtime.html.ChartJs;
import io.mosaic.runtime.metrics.MeanStd;
import io.mosaic.runtime.run.RunFolder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonReportTest {
    private static final ChartJs CHART_JS = new ChartJs("9.9.9", "window.Chart = function () {};");
    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"comparison-data\">(.*?)</script>", Pattern.DOTALL);
    /** A data description that would end the JSON element, and open a comment, if it were not escaped. */
    private static final String HOSTILE = "testbed </script><!-- {\"preset\": \"tiny\"} & more";

    @TempDir
    Path runs;

    private static TrainingCurve training() {
        return new TrainingCurve("mae", List.of(1, 2), List.of(2.0, 1.5), List.of(1.2, 1.1), List.of(2, 2));
    }

    static Comparison comparison(PeakResident.Scope scope) {
        AssemblyComparison reference = new AssemblyComparison("baseline", "baseline",
                Map.of("mae", OverSeeds.of(List.of(1.0, 1.0))), Map.of("mae", OverSeeds.of(List.of(1.0, 3.0))),
                Map.of(), Map.of(), 1234567, 0.5, 1000.0, training(), new PeakResident(512.4, scope), Map.of());
        AssemblyComparison candidate = new AssemblyComparison("baseline-rmfm", "baseline-rmfm",
                Map.of("mae", OverSeeds.of(List.of(1.0, 1.0))), Map.of("mae", OverSeeds.of(List.of(2.0, 5.0))),
                Map.of("mae", new PairedTest(1.5, 0.25, null)), Map.of(), 100, 0.75, 800.0, training(),
                new PeakResident(600.0, scope),
                Map.of("rmfm", new SweepComparison(List.of(0.0, 1.0), Map.of("mae", List.of(2.0, 4.0)),
                        Map.of("mae", new MeanStd(3.0, 0.5, 2)), Map.of("mae", new MeanStd(3.0, 0.5, 2)),
                        Map.of("mae", -0.25))));
        return new Comparison("baseline", List.of(7L, 8L), 7, HOSTILE, "regression", List.of(reference, candidate));
    }

    private static String embeddedJson(String html) {
        Matcher data = DATA.matcher(html);
        assertThat(data.find()).as("the page has the comparison-data element").isTrue();
        return data.group(1);
    }

    @Test
    void theComparisonIsEmbeddedAsJsonThatCannotEndItsElement() throws Exception {
        Comparison comparison = comparison(PeakResident.Scope.ASSEMBLY);

        String html = ComparisonReport.html("compare-1", comparison, CHART_JS);

        String json = embeddedJson(html);
        assertThat(json).doesNotContain("<").doesNotContain(">");
        assertThat(new ObjectMapper().findAndRegisterModules().readValue(json, Comparison.class))
                .isEqualTo(comparison);
    }

    @Test
    void theLibraryAndThePageScriptAreInlinedAndNothingIsLoadedFromElsewhere() {
        String html = ComparisonReport.html("compare-1", comparison(PeakResident.Scope.ASSEMBLY), ChartJs.load());

        assertThat(html).contains(ChartJs.load().source())
                .contains("document.getElementById('comparison-data')")
                .contains("Chart.js " + ChartJs.load().version() + " (MIT License)")
                .doesNotContain(" src=").doesNotContain("<link").doesNotContain("{{");
    }

    @Test
    void theHeaderAndTablesShowEveryAssemblyAndItsNumbers() {
        String html = ComparisonReport.html("compare-1", comparison(PeakResident.Scope.ASSEMBLY), CHART_JS);

        assertThat(html).contains("<title>Mosaic comparison: baseline vs baseline-rmfm</title>")
                .contains("baseline <em>(reference)</em>")
                .contains("<dd>7, 8 <span class=\"note\">")
                .contains("testbed &lt;/script&gt;&lt;!-- {&quot;preset&quot;: &quot;tiny&quot;} &amp; more")
                .contains("<code>compare-1</code>")
                .contains("<td data-assembly=\"baseline\" data-metric=\"mae\"><span class=\"value\">"
                        + "2.0000 ± 1.0000</span></td>")
                .contains("<td data-assembly=\"baseline-rmfm\" data-metric=\"mae\"><span class=\"value\">"
                        + "3.5000 ± 1.5000</span><span class=\"paired\">Δ +1.5000 · p 0.250</span></td>")
                .contains("<td data-assembly=\"baseline\" data-cost=\"parameters\">1,234,567</td>")
                .contains("<th scope=\"row\">peak resident MiB <span class=\"note\">(per assembly)</span></th>"
                        + "<td data-assembly=\"baseline\" data-cost=\"peak_resident_mb:assembly\">512</td>")
                .contains("<td data-assembly=\"baseline-rmfm\" data-protocol=\"rmfm\" data-metric=\"mae\">"
                        + "3.0000 ± 0.5000</td>")
                .contains("<th scope=\"row\">mae <span class=\"note\">relative robustness</span></th><td>–</td>"
                        + "<td data-assembly=\"baseline-rmfm\" data-protocol=\"rmfm\" data-metric=\"mae\" "
                        + "data-measure=\"relative\">3.0000 ± 0.5000</td>")
                .contains("<th scope=\"row\">mae <span class=\"note\">effective robustness</span></th><td>–</td>"
                        + "<td data-assembly=\"baseline-rmfm\" data-protocol=\"rmfm\" data-metric=\"mae\" "
                        + "data-measure=\"effective\">-0.2500</td>")
                .contains("against baseline (positive: falls more slowly")
                .contains("seed by seed (two-sided). <strong>Warning: p-values from 2 seeds are a weak guide: a "
                        + "paired t-test on fewer than 5 seeds has little power and leans on normality; use --seeds 5 "
                        + "or more.</strong>")
                .as("the reference has no sweep").contains("<td>–</td>");
        assertThat(html.split("<th scope=\"col\">", -1)).as("three tables, each with a metric and two assembly "
                + "columns").hasSize(1 + 3 * 3);
    }

    @Test
    void eachDomainTestSplitHasATableOfItsOwn() {
        Comparison base = comparison(PeakResident.Scope.ASSEMBLY);
        List<AssemblyComparison> withDomains = base.assemblies().stream().map(a -> new AssemblyComparison(
                a.assembly(), a.group(), a.valid(), a.test(), a.paired(), Map.of("target-2", new DomainTestComparison(
                Map.of("accuracy", OverSeeds.of(List.of(0.25, 0.75))), a.paired().isEmpty() ? Map.of()
                : Map.of("accuracy", new PairedTest(0.125, 0.5, null)))), a.parameters(), a.secondsPerEpoch(),
                a.samplesPerSecond(), a.training(), a.peakResident(), a.sweeps())).toList();
        Comparison comparison = new Comparison(base.reference(), base.seeds(), base.dataSeed(), base.data(),
                base.task(), withDomains);

        String html = ComparisonReport.html("compare-1", comparison, CHART_JS);

        assertThat(html).contains("<h3>Metrics on the target-2 test split</h3>")
                .contains("One target domain's test split.")
                .contains("<td data-assembly=\"baseline-rmfm\" data-split=\"target-2\" data-metric=\"accuracy\">"
                        + "<span class=\"value\">0.5000 ± 0.2500</span>");
    }

    @Test
    void aPeakThatCouldNotBeResetIsNamedTheProcesss() {
        String html = ComparisonReport.html("compare-1", comparison(PeakResident.Scope.PROCESS), CHART_JS);

        assertThat(html)
                .contains("<th scope=\"row\">peak resident MiB <span class=\"note\">(whole process)</span></th>")
                .contains("data-cost=\"peak_resident_mb:process\"")
                .contains("this OS could not reset it")
                .doesNotContain("peak_resident_mb:assembly");
    }

    @Test
    void theReportIsWrittenIntoTheComparisonsFolder() {
        RunFolder folder = RunFolder.named(runs, "compare-1");

        ComparisonReport.write(folder, comparison(PeakResident.Scope.ASSEMBLY));

        String html = folder.readText(ComparisonReport.FILE);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<code>compare-1</code>")
                .contains(ChartJs.load().source());
    }
}
