package io.mosaic.runtime.data.mmsa;

import static io.mosaic.runtime.data.mmsa.Layouts.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.Task;
import io.mosaic.runtime.data.Batcher;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.Sample;
import io.mosaic.runtime.data.Split;
import io.mosaic.runtime.data.TestbedFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code labels: file}: MMSA's classification_labels as the classes, instead of the score bins (mmsa.md §2). */
class FileClassesTest {
    private static final NpzSource NPZ = new NpzSource();

    @TempDir
    Path folder;

    private static Dataset open(Path file, String labels) {
        return NPZ.open(Parameters.of(NPZ.parameters(), Map.of("file", file.toString(), "labels", labels)), 1);
    }

    @Test
    void theFilesClassesAreReadWhenAsked() {
        Map<String, Map<String, Object>> values = file();
        values.forEach((name, split) -> split.put("classification_labels", List.of(2, 0, 1).subList(0,
                Layouts.size(split))));

        List<FeatureSplit> splits = FeatureFileReader.read("f.pkl", values, "auto", true, null).splits();
        List<FeatureSplit> scores = FeatureFileReader.read("f.pkl", values, "auto", false, null).splits();

        // Train's scores are 0, 0.5, 1 (Layouts.split): the file says positive, negative, neutral instead.
        assertThat(List.of(0, 1, 2)).extracting(row -> splits.get(0).sample(row).fileClass()).containsExactly(2, 0, 1);
        assertThat(splits.get(2).sample(1).fileClass()).isZero();
        assertThat(scores.get(0).sample(0).fileClass()).as("labels: scores ignores them")
                .isEqualTo(Sample.NO_FILE_CLASS);
    }

    @Test
    void aFileWithoutClassesIsRefusedByName() {
        assertThatThrownBy(() -> FeatureFileReader.read("f.pkl", file(), "auto", true, null)).hasMessage("f.pkl, split "
                + "'train', key 'classification_labels': is missing; labels: file reads MMSA's 3 classes (0 "
                + "negative, 1 neutral, 2 positive) from it; use labels: scores to derive the classes from "
                + "regression_labels");
    }

    @Test
    void aClassOutsideTheThreeIsRefused() {
        Map<String, Map<String, Object>> values = file();
        values.forEach((name, split) -> split.put("classification_labels", List.of(1.0, 3.0, 0.5).subList(0,
                Layouts.size(split))));

        assertThatThrownBy(() -> FeatureFileReader.read("f.pkl", values, "auto", true, null)).hasMessage("f.pkl, split "
                + "'train', key 'classification_labels': sample 1 has class 3.0; expected 0, 1 or 2 (negative, "
                + "neutral, positive)");
    }

    @Test
    void batchesTakeTheFilesClassesWhereTheScoreBinsDisagree() {
        // A testbed export's classification_labels are sign(y) + 1, MMSA's; the 3-class bins round y instead.
        Path file = TestbedFiles.export(folder, "a.npz", 0);
        Split fromFile = open(file, "file").split(Dataset.TRAIN);
        Split fromScores = open(file, "scores").split(Dataset.TRAIN);
        Task task = new Task(3);
        int disagreeing = -1;
        for (int i = 0; i < fromFile.size() && disagreeing < 0; i++) {
            float score = fromFile.sample(i).score();
            if (score != 0 && Math.abs(score) < 0.5) {
                disagreeing = i;
            }
        }
        assertThat(disagreeing).as("a sample with 0 < |y| < 0.5").isNotNegative();
        Sample sample = fromFile.sample(disagreeing);
        int sign = sample.score() > 0 ? 2 : 0;

        Batcher batcher = new Batcher(open(file, "file").shapes(), task);
        try (NDManager manager = NDManager.newBaseManager()) {
            Batch fileBatch = batcher.batch(fromFile, new int[] {disagreeing}, manager);
            Batch scoreBatch = batcher.batch(fromScores, new int[] {disagreeing}, manager);

            assertThat(sample.fileClass()).isEqualTo(sign);
            assertThat(fileBatch.labels().toLongArray()).containsExactly(sign);
            assertThat(scoreBatch.labels().toLongArray()).as("the bins: round(y) + 1 = neutral").containsExactly(1L);
        }
        assertThat(open(file, "file").classesFromFile()).isTrue();
        assertThat(open(file, "scores").classesFromFile()).isFalse();
    }
}
