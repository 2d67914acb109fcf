package io.mosaic.runtime.compare.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mosaic.runtime.compare.AssemblyComparison;
import io.mosaic.runtime.compare.Comparison;
import io.mosaic.runtime.compare.DomainTestComparison;
import io.mosaic.runtime.compare.FailedAssembly;
import io.mosaic.runtime.compare.OverSeeds;
import io.mosaic.runtime.compare.PairedTest;
import io.mosaic.runtime.compare.PeakResident;
import io.mosaic.runtime.compare.SweepComparison;
import io.mosaic.runtime.compare.TrainingCurve;
import io.mosaic.runtime.html.ChartJs;
import io.mosaic.runtime.metrics.MeanStd;
import io.mosaic.runtime.run.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

        String html = page(comparison);

        String json = embeddedJson(html);
        assertThat(json).doesNotContain("<").doesNotContain(">");
        assertThat(new ObjectMapper().findAndRegisterModules().readValue(json, Comparison.class))
                .isEqualTo(comparison);
    }

    @Test
    void theLibraryAndThePageScriptAreInlinedAndNothingIsLoadedFromElsewhere() {
        String html = ComparisonReport.html("compare-1", comparison(PeakResident.Scope.ASSEMBLY),
                unread(comparison(PeakResident.Scope.ASSEMBLY)), ChartJs.load());

        assertThat(html).contains(ChartJs.load().source())
                .contains("document.getElementById('comparison-data')")
                .contains("Chart.js " + ChartJs.load().version() + " (MIT License)")
                .doesNotContain(" src=").doesNotContain("<link").doesNotContain("{{");
    }

    @Test
    void anAssemblyThatFailedIsListedWithItsEscapedErrorAndOnlyThen() {
        assertThat(page(comparison(PeakResident.Scope.ASSEMBLY))).doesNotContain("<dt>Failed</dt>");

        String html = page(comparison(PeakResident.Scope.ASSEMBLY).withFailed(List.of(new FailedAssembly(
                "cider<b>", "cider_b_", "cider<b> seed 7: <script>alert(1)</script>"))));

        assertThat(html).contains("<dt>Failed</dt><dd><ul class=\"failed\"><li data-failed=\"cider&lt;b&gt;\">"
                + "<strong>cider&lt;b&gt;</strong> <span class=\"note\">(not in the tables; its seed group "
                + "<code>cider_b_</code> has each run's run.json and failure.txt)</span>: cider&lt;b&gt; seed 7: "
                + "&lt;script&gt;alert(1)&lt;/script&gt;</li></ul></dd>")
                .doesNotContain("<script>alert(1)");
    }

    @Test
    void theHeaderAndTablesShowEveryAssemblyAndItsNumbers() {
        String html = page(comparison(PeakResident.Scope.ASSEMBLY));

        assertThat(html).contains("<title>Mosaic comparison: baseline vs baseline-rmfm</title>")
                .contains("baseline <em>(reference)</em>")
                .contains("<dd>7, 8 <span class=\"note\">")
                .contains("testbed &lt;/script&gt;&lt;!-- {&quot;preset&quot;: &quot;tiny&quot;} &amp; more")
                .contains("<code>compare-1</code>")
                .contains("<th scope=\"row\">mae <span class=\"note direction\">↓ lower is better</span></th>"
                        + "<td class=\"best\" data-assembly=\"baseline\" data-metric=\"mae\">"
                        + "<span class=\"best-mark\" title=\"the best mean of mae\">★</span><span class=\"value\">2.0000 ± 1.0000</span></td>")
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
                .contains("seed by seed (two-sided). ★ bold: the best mean of each metric, by the way it improves "
                        + "(lower MAE, higher accuracy; ties all marked, unless all are equal). <strong>Warning: p-values from 2 seeds are a weak guide: a "
                        + "paired t-test on fewer than 5 seeds has little power and leans on normality; use --seeds 5 "
                        + "or more.</strong>")
                .as("the reference has no sweep").contains("<td>–</td>");
        assertThat(html.split("<th scope=\"col\">", -1)).as("the runs table, and three tables, each with a metric "
                + "and two assembly columns").hasSize(1 + 3 + 3 * 3);
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

        String html = page(comparison);

        assertThat(html).contains("<h3>Metrics on the target-2 test split</h3>")
                .contains("One target domain's test split.")
                .contains("<td data-assembly=\"baseline-rmfm\" data-split=\"target-2\" data-metric=\"accuracy\">"
                        + "<span class=\"value\">0.5000 ± 0.2500</span>");
    }

    @Test
    void aPeakThatCouldNotBeResetIsNamedTheProcesss() {
        String html = page(comparison(PeakResident.Scope.PROCESS));

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

    private static String page(Comparison comparison) {
        return ComparisonReport.html("compare-1", comparison, unread(comparison), CHART_JS);
    }

    /** Per assembly, runs that were not found on disk: no pages, no resolved assembly. */
    private static List<ComparedRuns> unread(Comparison comparison) {
        return comparison.assemblies().stream().map(a -> new ComparedRuns(Optional.empty(),
                List.of(new ComparedRuns.SeedRun(7, Optional.empty())), Optional.empty())).toList();
    }

    @Test
    void theBestMeanIsMarkedOnTheLowSideForAnErrorAndOnTheHighSideForACorrelation() {
        AssemblyComparison first = assembly("first", Map.of("mae", 0.75, "corr", 0.25, "unknown_metric", 1.0));
        AssemblyComparison second = assembly("second", Map.of("mae", 0.5, "corr", 0.125, "unknown_metric", 2.0));
        AssemblyComparison third = assembly("third", Map.of("mae", 0.5, "corr", 0.0, "unknown_metric", 3.0));
        Comparison comparison = new Comparison("first", List.of(7L), 7, "testbed", "regression",
                List.of(first, second, third));

        String html = page(comparison);

        assertThat(best(html)).containsExactlyInAnyOrder("second/mae", "third/mae", "first/corr");
        assertThat(ReportTables.best("mae", comparison.assemblies(), a -> a.test().get("mae").mean()))
                .containsExactly(1, 2);
        assertThat(ReportTables.best("corr", comparison.assemblies(), a -> a.test().get("corr").mean()))
                .containsExactly(0);
        assertThat(ReportTables.best("corr", comparison.assemblies(), a -> a == first ? 0.5 : null))
                .as("one assembly with a value has none to be better than").isEmpty();
        assertThat(ReportTables.best("corr", comparison.assemblies(), a -> 0.5)).as("all equal").isEmpty();
    }

    @Test
    void theSettingsThatDifferAreOneRowPerKeyWithTheirValuesAsText() {
        Comparison comparison = comparison(PeakResident.Scope.ASSEMBLY);
        List<ComparedRuns> runs = List.of(
                new ComparedRuns(Optional.empty(), List.of(), Optional.of(Map.of("name", "baseline", "seed", "7"))),
                new ComparedRuns(Optional.empty(), List.of(), Optional.of(Map.of("name", "baseline-rmfm",
                        "seed", "7", "description", "<script>alert(1)</script>"))));

        String html = ComparisonReport.html("compare-1", comparison, runs, CHART_JS);

        assertThat(html).contains("<tr data-key=\"name\"><th scope=\"row\"><code>name</code></th>"
                        + "<td class=\"setting\">baseline</td><td class=\"setting\">baseline-rmfm</td></tr>")
                .contains("<tr data-key=\"description\"><th scope=\"row\"><code>description</code></th>"
                        + "<td class=\"absent\">–</td><td class=\"setting\">&lt;script&gt;alert(1)&lt;/script&gt;"
                        + "</td></tr>")
                .doesNotContain("data-key=\"seed\"").doesNotContain("<script>alert");
    }

    @Test
    void eachAssemblyLinksItsGroupPageAndEachSeedsRunReportRelativeToTheComparison() throws Exception {
        Path comparisonFolder = Files.createDirectories(runs.resolve("compare-1"));
        Path group = Files.createDirectories(comparisonFolder.resolve("baseline"));
        Files.writeString(group.resolve("report.html"), "group");
        for (long seed : List.of(7L, 8L)) {
            Path run = Files.createDirectories(group.resolve("seed-" + seed));
            Files.writeString(run.resolve("run.json"), "{}");
            Files.writeString(run.resolve("assembly.resolved.yaml"), "name: baseline\nseed: " + seed + "\n");
        }
        Files.writeString(group.resolve("seed-7").resolve("report.html"), "seed 7");
        Path single = Files.createDirectories(runs.resolve("other run#1"));
        Files.writeString(single.resolve("run.json"), "{}");
        Files.writeString(single.resolve("report.html"), "single");
        Comparison base = comparison(PeakResident.Scope.ASSEMBLY);
        AssemblyComparison finished = base.assemblies().get(1);
        Comparison comparison = new Comparison(base.reference(), base.seeds(), base.dataSeed(), base.data(),
                base.task(), List.of(base.assemblies().get(0), new AssemblyComparison(finished.assembly(),
                "../other run#1", finished.valid(), finished.test(), finished.paired(), finished.domainTests(),
                finished.parameters(), finished.secondsPerEpoch(), finished.samplesPerSecond(),
                finished.training(), finished.peakResident(), finished.sweeps())));
        List<ComparedRuns> found = comparison.assemblies().stream()
                .map(a -> ComparedRuns.read(comparisonFolder, a, comparison.seeds())).toList();

        String html = ComparisonReport.html("compare-1", comparison, found, CHART_JS);

        assertThat(found.get(0).settings()).contains(Map.of("name", "baseline", "seed", "7"));
        assertThat(found.get(1).settings()).as("the single run has no resolved assembly").isEmpty();
        assertThat(html).contains("<a class=\"group-report\" href=\"baseline/report.html\">baseline/report.html"
                        + "</a>")
                .contains("<a class=\"run-report\" data-seed=\"7\" href=\"baseline/seed-7/report.html\">seed 7"
                        + "</a> · seed 8 <span class=\"note\">(no report)</span>")
                .contains("<a class=\"run-report\" data-seed=\"7\" href=\"../other%20run%231/report.html\">"
                        + "seed 7</a>")
                .contains("No resolved assembly could be read for baseline-rmfm");
    }

    @Test
    void metricsWithTheSameValuesForEverySeedShareOneChart() {
        AssemblyComparison first = assembly("first", Map.of("mae", 1.0109844551067606, "loss", 1.0109844207763672,
                "corr", 0.25));
        AssemblyComparison second = assembly("second", Map.of("mae", 0.5, "loss", 0.5, "corr", 0.5));
        Comparison comparison = new Comparison("first", List.of(7L), 7, "testbed", "regression",
                List.of(first, second));

        ChartPlan plan = ChartPlan.of(comparison);

        assertThat(plan.testCharts()).hasSize(2).anySatisfy(chart -> {
            assertThat(chart.metrics()).containsExactlyInAnyOrder("mae", "loss");
            assertThat(chart.better()).isEqualTo("lower");
        }).anySatisfy(chart -> assertThat(chart).isEqualTo(new ChartPlan.TestChart(List.of("corr"), "higher")));
    }

    /** An assembly with one seed of each test metric. */
    private static AssemblyComparison assembly(String name, Map<String, Double> test) {
        Map<String, OverSeeds> metrics = new java.util.LinkedHashMap<>();
        new java.util.TreeMap<>(test).forEach((metric, value) -> metrics.put(metric, OverSeeds.of(List.of(value))));
        return new AssemblyComparison(name, name, metrics, metrics, Map.of(), Map.of(), 10, 0.5, 100.0, training(),
                new PeakResident(100.0, PeakResident.Scope.ASSEMBLY), Map.of());
    }

    /** The assembly/metric of every cell marked best. */
    private static List<String> best(String html) {
        Matcher cell = Pattern.compile(
                "<td class=\"best\" data-assembly=\"([^\"]*)\" data-metric=\"([^\"]*)\">").matcher(html);
        List<String> best = new java.util.ArrayList<>();
        while (cell.find()) {
            best.add(cell.group(1) + "/" + cell.group(2));
        }
        return best;
    }
}
