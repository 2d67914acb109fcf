package io.mosaic.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import io.mosaic.runtime.assembly.Assemblies;
import io.mosaic.runtime.assembly.InstalledComponents;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.metrics.MetricSet;
import io.mosaic.runtime.run.Csv;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.train.Evaluation;
import io.mosaic.runtime.train.Trainer;
import io.mosaic.runtime.train.TrainingListener;
import io.mosaic.runtime.train.TrainingResult;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionsFileTest {
    /** A small class task on the tiny testbed, with a sweep: three classes, cross-entropy. */
    static final String TINY_CLASSES = """
            name: tiny-classes
            seed: 7
            pipeline: baseline
            data: { source: testbed, preset: tiny, task: classes-3 }
            components:
              text: [ { use: gru, hidden: 8 }, masked-mean-pool ]
              audio: [ { use: gru, hidden: 4 }, masked-mean-pool ]
              vision: [ { use: gru, hidden: 4 }, masked-mean-pool ]
              fusion: concat
              head: { use: mlp, hidden: [8] }
            objectives:
              - cross-entropy
            train:
              batch: 32
              epochs: 2
              select: { metric: accuracy }
            evaluate:
              sweeps:
                - { use: rmfm, rates: [0.0, 1.0] }
            """;

    @TempDir
    Path runs;

    @Test
    void theFileHoldsTheEvaluationsOwnValuesForEverySampleOfEverySplitAndSweepLevel() {
        ResolvedAssembly assembly = Assemblies.resolve(InstalledComponents.builtIn(), "tiny.yaml", TINY_CLASSES);
        RunFolder folder = RunFolder.create(runs, "tiny", LocalDateTime.now());
        TrainingResult result;
        try (NDManager root = NDManager.newBaseManager()) {
            result = new Trainer(TrainingListener.SILENT).train(assembly, folder, root, false);
        }
        PredictionsFile.write(folder, result);

        List<Prediction> read = PredictionsFile.read(folder);

        assertThat(folder.readText(PredictionsFile.FILE).lines().findFirst().orElseThrow())
                .isEqualTo("sample_id,split,sweep,level,domain,label,prediction,p_0,p_1,p_2");
        int valid = result.valid().samples().ids().size();
        int test = result.test().orElseThrow().samples().ids().size();
        assertThat(read).hasSize(valid + test + 2 * test);
        assertSame(read.subList(0, valid), "valid", "", result.valid());
        assertSame(read.subList(valid, valid + test), "test", "", result.test().orElseThrow());
        for (int r = 0; r < 2; r++) {
            List<Prediction> level = read.subList(valid + test * (1 + r), valid + test * (2 + r));
            assertSame(level, "test", "rmfm", result.sweeps().get(0).evaluations().get(r));
            double rate = r == 0 ? 0.0 : 1.0;
            assertThat(level).allSatisfy(p -> assertThat(p.level()).isEqualTo(rate));
        }
        // The probabilities are a distribution whose most likely class is the prediction.
        assertThat(read).allSatisfy(p -> {
            assertThat(Arrays.stream(p.probabilities()).sum()).isCloseTo(1.0, within(1e-12));
            int best = 0;
            for (int c = 1; c < 3; c++) {
                best = p.probabilities()[c] > p.probabilities()[best] ? c : best;
            }
            assertThat((double) best).isEqualTo(p.prediction());
        });
        // Accuracy recomputed from the file is the run's.
        List<Prediction> clean = read.subList(valid, valid + test);
        double correct = clean.stream().filter(p -> p.label() == p.prediction()).count();
        assertThat(correct / test).isCloseTo(result.test().orElseThrow().metrics().get("accuracy"), within(1e-12));
    }

    private static void assertSame(List<Prediction> rows, String split, String sweep, Evaluation evaluation) {
        assertThat(rows).extracting(Prediction::sampleId).isEqualTo(evaluation.samples().ids());
        for (int i = 0; i < rows.size(); i++) {
            Prediction p = rows.get(i);
            assertThat(p.split()).isEqualTo(split);
            assertThat(p.sweep()).isEqualTo(sweep);
            assertThat(p.domain()).isEqualTo(evaluation.samples().domains()[i]);
            assertThat(p.label()).isEqualTo(evaluation.samples().targets()[i]);
            assertThat(p.prediction()).isEqualTo(evaluation.predictions()[i]);
            assertThat(p.probabilities()).isEqualTo(evaluation.probabilities()[i]);
        }
    }

    @Test
    void hostileSampleIdsAreWrittenAsValidCsvAndReadBackUnchanged() {
        List<String> ids = List.of("a,b", "say \"hi\"", "two\nlines", "<script>alert(1)</script>", "cr\r\nlf", "");
        double[] targets = {0.5, -1.25, 3.0, 0.0, -3.0, 1e-7};
        double[] predictions = {0.25, -0.125, 2.75, 1.0 / 3, -2.5, Math.PI};
        Evaluation evaluation = new Evaluation(MetricSet.builder().build(), predictions, OptionalDouble.empty(),
                new Evaluation.Samples(ids, new int[] {0, 1, 2, 0, 1, 2}, targets), null);

        String csv = Csv.text(PredictionsFile.rows(evaluation, Optional.of(evaluation), List.of()));
        List<Prediction> read = PredictionsFile.parse(csv, "predictions.csv");

        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("sample_id,split,sweep,level,domain,label,"
                + "prediction");
        assertThat(csv).contains("\"a,b\",valid,,,0,0.5,0.25\n").contains("\"say \"\"hi\"\"\",valid,")
                .contains("\"two\nlines\",valid,,,2,3.0,2.75\n");
        assertThat(read).hasSize(12);
        assertThat(read).extracting(Prediction::sampleId).containsSequence(ids);
        assertThat(read.subList(6, 12)).extracting(Prediction::split).containsOnly("test");
        assertThat(read.subList(0, 6)).extracting(Prediction::prediction)
                .containsExactly(Arrays.stream(predictions).boxed().toArray(Double[]::new));
        assertThat(read.subList(0, 6)).extracting(Prediction::label)
                .containsExactly(Arrays.stream(targets).boxed().toArray(Double[]::new));
        assertThat(read.get(0).probabilities()).isEmpty();
    }

    @Test
    void aFileNotAsWrittenIsRefusedNamingTheFileAndRowWithoutEchoingIt() {
        assertThatThrownBy(() -> PredictionsFile.parse("id,split\n", "p.csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("p.csv: expected the header sample_id,split,sweep,level,domain,label,prediction[,p_0,…]");
        String header = "sample_id,split,sweep,level,domain,label,prediction,p_0,p_1\n";
        assertThatThrownBy(() -> PredictionsFile.parse(header + "s1,test,,,0,1,1,0.2\n", "p.csv"))
                .hasMessage("p.csv, row 2 has 8 cells, the header 9");
        assertThatThrownBy(() -> PredictionsFile.parse(header + "s1,test,,,0,secret,1,0.2,0.8\n", "p.csv"))
                .hasMessage("p.csv, row 2: label is not a number");
        assertThatThrownBy(() -> PredictionsFile.parse("sample_id,split,sweep,level,domain,label,prediction,p_1\n",
                "p.csv")).hasMessage("p.csv: column 8 of the header should be p_0");
    }
}
