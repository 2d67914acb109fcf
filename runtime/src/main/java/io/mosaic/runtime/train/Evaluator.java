package io.mosaic.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.Task;
import io.mosaic.api.model.PipelineFactory;
import io.mosaic.api.model.Taps;
import io.mosaic.api.objective.Views;
import io.mosaic.runtime.assembly.ResolvedObjective;
import io.mosaic.runtime.data.Batcher;
import io.mosaic.runtime.data.Split;
import io.mosaic.runtime.metrics.Metric;
import io.mosaic.runtime.metrics.MetricFamily;
import io.mosaic.runtime.metrics.MetricSet;
import io.mosaic.runtime.model.BuiltModel;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Runs a model over a split without training it, and computes the task's metrics and the objectives' loss. */
final class Evaluator {
    private final Batcher batcher;
    private final Task task;
    private final MetricFamily family;
    private final List<ResolvedObjective> objectives;
    private final int batchSize;

    /**
     * @param objectives the objectives whose weighted sum is reported as {@code loss}: those that read the clean view
     *                   alone (views exist only while training)
     */
    Evaluator(Batcher batcher, Task task, MetricFamily family, List<ResolvedObjective> objectives, int batchSize) {
        this.batcher = batcher;
        this.task = task;
        this.family = family;
        this.objectives = objectives.stream().filter(o -> o.view().equals(Views.CLEAN)
                && o.objective().views().equals(Set.of(Views.CLEAN))).toList();
        this.batchSize = batchSize;
    }

    Evaluation evaluate(BuiltModel model, Split split, NDManager scratch) {
        return evaluate(model, split, scratch, Optional.empty(), 0);
    }

    /**
     * Evaluates with {@code corruption} applied to every batch, if given.
     *
     * @param round the sweep's rate index, which (with the sample) fixes each sample's mask
     */
    Evaluation evaluate(BuiltModel model, Split split, NDManager scratch, Optional<Corruption> corruption,
                        int round) {
        int size = split.size();
        double[] predictions = new double[size];
        double[] targets = new double[size];
        double lossSum = 0;
        ParameterStore store = new ParameterStore(scratch, false);
        for (int start = 0; start < size; start += batchSize) {
            int[] indices = range(start, Math.min(size, start + batchSize));
            try (NDManager manager = scratch.newSubManager()) {
                Batch loaded = batcher.batch(split, indices, manager);
                Batch batch = corruption.map(c -> c.apply(loaded, round, indices, manager).batch()).orElse(loaded);
                Taps taps = new Taps();
                model.network().forward(store, batch, taps, false);
                NDArray output = taps.get(PipelineFactory.PREDICTION_TAP);
                float[] values = output.toFloatArray();
                float[] scores = batch.scores().toFloatArray();
                long[] labels = task.isRegression() ? null : batch.labels().toLongArray();
                int width = task.outputs();
                for (int i = 0; i < indices.length; i++) {
                    predictions[start + i] = task.isRegression() ? values[i * width] : argmax(values, i, width);
                    targets[start + i] = task.isRegression() ? scores[i] : labels[i];
                }
                StepViews views = new StepViews();
                views.add(Views.CLEAN, batch, taps);
                lossSum += Trainer.weightedLoss(objectives, views, manager).getFloat() * indices.length;
            }
        }
        for (double prediction : predictions) {
            if (!Double.isFinite(prediction)) {
                throw new TrainingException("the model predicted " + prediction + " on the " + split.name()
                        + " split: a component produced NaN or infinity");
            }
        }
        MetricSet metrics = family.compute(predictions, targets);
        return new Evaluation(MetricSet.builder().putAll(metrics).put(Metric.LOSS, lossSum / size).build(),
                predictions);
    }

    static int[] range(int from, int to) {
        int[] indices = new int[to - from];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = from + i;
        }
        return indices;
    }

    private static int argmax(float[] values, int row, int width) {
        int best = 0;
        for (int c = 1; c < width; c++) {
            if (values[row * width + c] > values[row * width + best]) {
                best = c;
            }
        }
        return best;
    }
}
