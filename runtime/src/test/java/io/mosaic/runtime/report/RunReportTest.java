package io.mosaic.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mosaic.runtime.assembly.Assemblies;
import io.mosaic.runtime.assembly.InstalledComponents;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.assembly.ResolvedAssemblyWriter;
import io.mosaic.runtime.html.ChartJs;
import io.mosaic.runtime.run.EpochTable;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.run.RunStatus;
import io.mosaic.runtime.run.RunSummary;
import io.mosaic.runtime.train.Trainer;
import io.mosaic.runtime.train.TrainingListener;
import io.mosaic.runtime.train.TrainingResult;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ChartJs CHART_JS = new ChartJs("9.9.9", "window.Chart = function () {};");
    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"run-data\">(.*?)</script>", Pattern.DOTALL);
    private static final String EPOCHS = """
            epoch,stage,train_loss,valid_loss,valid_accuracy,objective_cross-entropy,seconds,samples_per_second,improved,resident_mb
            1,warm-up,1.1,1.2,0.3,1.1,0.5,100.0,true,200
            2,warm-up,1.0,1.1,0.4,1.0,0.7,100.0,true,200
            3,main,0.9,,0.5,,0.6,100.0,true,200
            """;

    @TempDir
    Path runs;

    @Test
    void theConfusionMatrixOfATrainedRunCountsEveryTestSampleAsItsPredictionsSay() throws Exception {
        ResolvedAssembly assembly = Assemblies.resolve(InstalledComponents.builtIn(), "tiny.yaml",
                PredictionsFileTest.TINY_CLASSES);
        RunFolder folder = RunFolder.create(runs, "tiny", LocalDateTime.now());
        TrainingResult result;
        try (NDManager root = NDManager.newBaseManager()) {
            result = new Trainer(TrainingListener.SILENT).train(assembly, folder, root, false);
        }
        folder.writeText(RunFolder.RESOLVED, ResolvedAssemblyWriter.toYaml(assembly));
        folder.writeStatus(status("tiny-classes", RunStatus.COMPLETED, null));
        PredictionsFile.write(folder, result);

        RunReport.write(folder);
        JsonNode data = data(folder.readText(RunReport.FILE));

        long[][] expected = new long[3][3];
        double[] targets = result.test().orElseThrow().samples().targets();
        for (int i = 0; i < targets.length; i++) {
            expected[(int) targets[i]][(int) result.test().orElseThrow().predictions()[i]]++;
        }
        JsonNode counts = data.get("confusion").get("counts");
        long total = 0;
        for (int t = 0; t < 3; t++) {
            for (int p = 0; p < 3; p++) {
                assertThat(counts.get(t).get(p).asLong()).as("true %d, predicted %d", t, p)
                        .isEqualTo(expected[t][p]);
                total += counts.get(t).get(p).asLong();
            }
        }
        assertThat(total).isEqualTo(assembly.dataset().split("test").size()).isEqualTo(targets.length);
        assertThat(data.get("scatter").isNull()).isTrue();
        assertThat(data.get("epochs")).hasSize(2);
        assertThat(data.get("selection").asText()).isEqualTo("valid_accuracy");
        assertThat(data.get("losses").has("objective_cross-entropy")).isTrue();
        assertThat(data.get("sweeps")).as("sweeps come from metrics.json, not written in this test").isEmpty();
        assertThat(data.get("bestEpoch").isNull()).as("no metrics.json written in this test").isTrue();
    }

    @Test
    void thePageDataHoldsTheCurvesStageStartsSelectedEpochAndTheRegressionScatter() throws Exception {
        List<Prediction> predictions = List.of(
                prediction("a", "valid", 0.5, 0.4), prediction("b", "test", -1.0, -0.5),
                prediction("c", "test", 2.0, 1.5), new Prediction("c", "test", "rmfm", 1.0, 0, 2.0, 0.0,
                        new double[0]));
        RunContents run = new RunContents("tiny-1", status("tiny", RunStatus.COMPLETED, null), Optional.empty(), "",
                Optional.of("accuracy"), Optional.of(EpochTable.parse(EPOCHS, "epochs.csv")),
                Optional.of(summary(2)), predictions);

        JsonNode data = JSON.readTree(RunReport.json(RunPageData.of(run)));

        assertThat(data.get("epochs").toString()).isEqualTo("[1,2,3]");
        assertThat(data.get("stageStarts").toString()).isEqualTo("[3]");
        assertThat(data.get("losses").fieldNames()).toIterable()
                .containsExactly("train_loss", "valid_loss", "objective_cross-entropy");
        assertThat(data.get("losses").get("valid_loss").toString()).isEqualTo("[1.2,1.1,\"NaN\"]");
        assertThat(data.get("selectionCurve").toString()).isEqualTo("[0.3,0.4,0.5]");
        assertThat(data.get("bestEpoch").asInt()).isEqualTo(2);
        assertThat(data.get("scatter").get("truth").toString()).as("the clean test split only").isEqualTo("[-1.0,2.0]");
        assertThat(data.get("scatter").get("predicted").toString()).isEqualTo("[-0.5,1.5]");
        assertThat(data.get("confusion").isNull()).isTrue();
    }

    @Test
    void hostileNamesDescriptionsErrorsAndAssembliesAppearAsTextOnly() throws Exception {
        String name = "<script>alert('name')</script>";
        String description = "<img src=x onerror=alert(1)> & </script><script>alert(2)</script>";
        String error = "<b>failed</b>";
        String yaml = "name: x\ndescription: \"</pre><script>alert(3)</script>\"\n";
        RunContents run = new RunContents("<i>folder</i>", status(name, RunStatus.FAILED, error), Optional.of(yaml),
                description, Optional.of("</script>"), Optional.of(EpochTable.parse(EPOCHS, "epochs.csv")),
                Optional.empty(), List.of());

        String html = RunReport.html(run, CHART_JS);

        assertThat(html).doesNotContain("<script>alert").doesNotContain("<img").doesNotContain("<b>failed")
                .doesNotContain("<i>folder");
        assertThat(html).contains("<span id=\"assembly-name\">&lt;script&gt;alert('name')&lt;/script&gt;</span>")
                .contains("<span id=\"assembly-description\">&lt;img src=x onerror=alert(1)&gt; &amp; "
                        + "&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;</span>")
                .contains("<title>Mosaic run: &lt;script&gt;alert('name')&lt;/script&gt;</title>")
                .contains("&lt;/pre&gt;&lt;script&gt;alert(3)&lt;/script&gt;")
                .contains("&lt;b&gt;failed&lt;/b&gt;")
                .contains("id=\"no-results\"");
        // Exactly the page's own three scripts: the data, Chart.js and the page script.
        assertThat(Pattern.compile("<script").matcher(html).results().count()).isEqualTo(3);
    }

    private static JsonNode data(String html) throws Exception {
        Matcher matcher = DATA.matcher(html);
        assertThat(matcher.find()).as("the page embeds its data").isTrue();
        return JSON.readTree(matcher.group(1));
    }

    private static Prediction prediction(String id, String split, double label, double predicted) {
        return new Prediction(id, split, "", Double.NaN, 0, label, predicted, new double[0]);
    }

    private static RunStatus status(String assembly, String state, String error) {
        return new RunStatus(assembly, state, "2025-03-04T12:05:09", "2025-03-04T12:06:00", "cpu()", Map.of(), 7,
                error, null);
    }

    private static RunSummary summary(int bestEpoch) {
        return new RunSummary("tiny", "testbed tiny", "regression", 3, bestEpoch, "accuracy",
                Map.of("total", 1234L), Map.of("accuracy", 0.4), Map.of("accuracy", 0.5), Map.of(), Map.of(), null,
                12.5, 300, Map.of());
    }
}
