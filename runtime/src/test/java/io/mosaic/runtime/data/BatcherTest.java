package io.mosaic.runtime.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.Task;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.runtime.data.testbed.Testbed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatcherTest {
    private static final FeatureShape TEXT = FeatureShape.sequence(3, 2);

    @Test
    void stacksEveryModalityOfTestbedSamplesInIndexOrder() {
        Testbed testbed = Testbed.preset("tiny", 7);
        Split train = testbed.split(Dataset.TRAIN);
        int[] indices = {5, 0, 17};
        try (NDManager manager = NDManager.newBaseManager()) {
            Batch batch = new Batcher(testbed.shapes(), Task.REGRESSION).batch(train, indices, manager);

            assertThat(batch.ids()).containsExactly(train.sample(5).id(), train.sample(0).id(),
                    train.sample(17).id());
            for (Modality modality : Modality.values()) {
                FeatureShape shape = testbed.shapes().get(modality);
                Features features = batch.input(modality);
                assertThat(features.values().getShape()).isEqualTo(new Shape(3, shape.steps(), shape.dim()));
                assertThat(features.values().getDataType()).isEqualTo(DataType.FLOAT32);
                assertThat(features.lengths().getDataType()).isEqualTo(DataType.INT64);
                float[] values = features.values().toFloatArray();
                long[] lengths = features.lengths().toLongArray();
                int stride = shape.steps() * shape.dim();
                for (int i = 0; i < indices.length; i++) {
                    Frames frames = train.sample(indices[i]).frames(modality);
                    assertThat(Arrays.copyOfRange(values, i * stride, (i + 1) * stride))
                            .containsExactly(frames.values());
                    assertThat(lengths[i]).isEqualTo(frames.length());
                }
            }
            int steps = testbed.shapes().get(Modality.TEXT).steps();
            assertThat(batch.tokenIds()).hasValueSatisfying(ids -> {
                assertThat(ids.getShape()).isEqualTo(new Shape(3, steps));
                assertThat(ids.getDataType()).isEqualTo(DataType.INT64);
                long[] flat = ids.toLongArray();
                for (int i = 0; i < indices.length; i++) {
                    int[] expected = train.sample(indices[i]).tokenIds();
                    assertThat(Arrays.stream(flat, i * steps, (i + 1) * steps).mapToInt(id -> (int) id).toArray())
                            .containsExactly(expected);
                }
            });
        }
    }

    @Test
    void aRegressionBatchTakesTheScoresAsLabels() {
        List<Sample> samples = List.of(sample("a", -2.6f, 0), sample("b", 0.4f, 2));
        try (NDManager manager = NDManager.newBaseManager()) {
            Batch batch = new Batcher(Map.of(Modality.TEXT, TEXT), Task.REGRESSION).batch(samples, manager);

            assertThat(batch.scores().getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(batch.scores().toFloatArray()).containsExactly(-2.6f, 0.4f);
            assertThat(batch.labels().getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(batch.labels().toFloatArray()).containsExactly(-2.6f, 0.4f);
            assertThat(batch.domains().toLongArray()).containsExactly(0L, 2L);
            assertThat(batch.inputs()).containsOnlyKeys(Modality.TEXT);
        }
    }

    @Test
    void aClassificationBatchTakesTheTasksClassesAsLabels() {
        float[] scores = {-2.6f, -0.5f, 0.0f, 0.4f, 1.5f, 3.0f};
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            samples.add(sample("s" + i, scores[i], 0));
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            // Two classes: y >= 0. Three and seven: y clipped to [-1, 1] or [-3, 3], rounded half to even, + 1 or 3.
            assertThat(labels(samples, Task.parse("classes-2"), manager)).containsExactly(0, 0, 1, 1, 1, 1);
            assertThat(labels(samples, Task.parse("classes-3"), manager)).containsExactly(0, 1, 1, 1, 2, 2);
            assertThat(labels(samples, Task.parse("classes-7"), manager)).containsExactly(0, 3, 3, 3, 5, 6);
        }
    }

    @Test
    void samplesWithoutTokenIdsGiveABatchWithoutThem() {
        Sample plain = new Sample("p", 1f, 0, null, Map.of(Modality.TEXT, frames(3)));
        try (NDManager manager = NDManager.newBaseManager()) {
            Batch batch = new Batcher(Map.of(Modality.TEXT, TEXT), Task.REGRESSION).batch(List.of(plain), manager);

            assertThat(batch.tokenIds()).isEmpty();
        }
    }

    @Test
    void framesOfAnotherShapeThanTheDatasetDeclaresAreRefused() {
        Sample wide = new Sample("w", 0f, 0, null,
                Map.of(Modality.TEXT, new Frames(new float[8], 2, 4, 2)));
        try (NDManager manager = NDManager.newBaseManager()) {
            Batcher batcher = new Batcher(Map.of(Modality.TEXT, TEXT), Task.REGRESSION);

            assertThatThrownBy(() -> batcher.batch(List.of(wide), manager))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("sample w: text frames are 2x4, the dataset declares 3x2");
        }
    }

    @Test
    void tokenIdsOfUnequalLengthAreRefused() {
        Sample three = new Sample("three", 0f, 0, new int[] {101, 7, 102}, Map.of(Modality.TEXT, frames(3)));
        Sample two = new Sample("two", 0f, 0, new int[] {101, 102}, Map.of(Modality.TEXT, frames(2)));
        try (NDManager manager = NDManager.newBaseManager()) {
            Batcher batcher = new Batcher(Map.of(Modality.TEXT, TEXT), Task.REGRESSION);

            assertThatThrownBy(() -> batcher.batch(List.of(three, two), manager))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("sample two has 2 token ids, the batch has 3");
        }
    }

    private static long[] labels(List<Sample> samples, Task task, NDManager manager) {
        NDArray labels = new Batcher(Map.of(Modality.TEXT, TEXT), task).batch(samples, manager).labels();
        assertThat(labels.getDataType()).isEqualTo(DataType.INT64);
        return labels.toLongArray();
    }

    private static Sample sample(String id, float score, int domain) {
        return new Sample(id, score, domain, new int[] {101, 5, 102}, Map.of(Modality.TEXT, frames(3)));
    }

    /** Text frames of {@link #TEXT}'s shape whose first {@code length} steps are real. */
    private static Frames frames(int length) {
        return new Frames(new float[] {1, 2, 3, 4, 5, 6}, 3, 2, length);
    }
}
