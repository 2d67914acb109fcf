package io.mosaic.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.Task;
import io.mosaic.api.debias.Debiaser;
import io.mosaic.api.model.PipelineFactory;
import io.mosaic.api.model.Taps;
import io.mosaic.api.objective.Views;
import io.mosaic.runtime.assembly.ResolvedObjective;
import io.mosaic.runtime.data.Batcher;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.Split;
import io.mosaic.runtime.encodercache.EncoderCaches;
import io.mosaic.runtime.metrics.Direction;
import io.mosaic.runtime.metrics.Metric;
import io.mosaic.runtime.metrics.MetricFamily;
import io.mosaic.runtime.metrics.MetricSet;
import io.mosaic.runtime.model.BuiltModel;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Runs a model over a split without training it, and computes the task's metrics and the objectives' loss. With a
 * debiaser, the model also runs on each batch's counterfactual, and the outputs are combined at the debiaser's
 * strength: the one given, or, on the validation split only, the one among the debiaser's strengths that scores best
 * on the tuning metric.
 */
final class Evaluator {
    private final Batcher batcher;
    private final Task task;
    private final MetricFamily family;
    private final List<ResolvedObjective> objectives;
    private final int batchSize;
    private final String tuningMetric;
    private final StopRequest stop;

    /**
     * @param objectives   the objectives whose weighted sum is reported as {@code loss}: those that read the clean
     *                     view alone (views exist only while training)
     * @param tuningMetric the metric a debiaser's strength is tuned for on the validation split
     * @param stop         checked between batches
     */
    Evaluator(Batcher batcher, Task task, MetricFamily family, List<ResolvedObjective> objectives, int batchSize,
              String tuningMetric, StopRequest stop) {
        this.batcher = batcher;
        this.task = task;
        this.family = family;
        this.objectives = objectives.stream().filter(Trainer::readsCleanOnly).toList();
        this.batchSize = batchSize;
        this.tuningMetric = tuningMetric;
        this.stop = stop;
    }

    /** Evaluates the clean split, tuning the debiaser's strength if there is one (validation split only). */
    Evaluation evaluate(BuiltModel model, Split split, NDManager scratch) {
        return evaluate(model, split, scratch, Optional.empty(), OptionalDouble.empty());
    }

    /**
     * Evaluates with {@code corruption} applied to every batch, if given (see {@link Corruption#applyForEvaluation}).
     *
     * @param strength the debiaser's strength; empty to tune it on this split, which must be the validation split
     */
    Evaluation evaluate(BuiltModel model, Split split, NDManager scratch, Optional<Corruption> corruption,
                        OptionalDouble strength) {
        Optional<Debiaser> debiaser = model.debiaser();
        if (debiaser.isPresent() && strength.isEmpty() && !Dataset.VALID.equals(split.name())) {
            throw new IllegalStateException("a debiaser's strength is tuned on the validation split only, not on "
                    + split.name());
        }
        int size = split.size();
        int width = task.outputs();
        float[] factual = new float[size * width];
        float[] counterfactual = debiaser.isPresent() ? new float[size * width] : null;
        double[] targets = new double[size];
        String[] ids = new String[size];
        int[] domains = new int[size];
        double lossSum = 0;
        ParameterStore store = new ParameterStore(scratch, false);
        for (int start = 0; start < size; start += batchSize) {
            int from = start;
            stop.check(() -> "evaluation of the " + split.name() + " split, sample " + (from + 1) + " of " + size);
            int[] indices = range(start, Math.min(size, start + batchSize));
            try (NDManager manager = scratch.newSubManager()) {
                Batch loaded = batcher.batch(split, indices, manager);
                Batch batch = corruption.map(c -> c.applyForEvaluation(loaded, indices, manager).batch())
                        .orElse(loaded);
                Taps taps = new Taps();
                try (EncoderCaches.Fed fed = model.caches().feeding(split, loaded)) {
                    model.network().forward(store, batch, taps, false);
                    copy(taps.get(PipelineFactory.PREDICTION_TAP), factual, start * width);
                    if (debiaser.isPresent()) {
                        Taps counterfactualTaps = new Taps();
                        model.network().forward(store, debiaser.get().counterfactual(store, batch, manager),
                                counterfactualTaps, false);
                        copy(counterfactualTaps.get(PipelineFactory.PREDICTION_TAP), counterfactual,
                                start * width);
                    }
                }
                float[] scores = batch.scores().toFloatArray();
                long[] labels = task.isRegression() ? null : batch.labels().toLongArray();
                long[] batchDomains = batch.domains().toLongArray();
                for (int i = 0; i < indices.length; i++) {
                    targets[start + i] = task.isRegression() ? scores[i] : labels[i];
                    ids[start + i] = batch.ids().get(i);
                    domains[start + i] = Math.toIntExact(batchDomains[i]);
                }
                StepViews views = new StepViews(store);
                views.add(Views.CLEAN, batch, taps);
                lossSum += Trainer.weightedLoss(objectives, model, views, manager).getFloat() * indices.length;
            }
        }
        double loss = lossSum / size;
        Evaluation.Samples samples = new Evaluation.Samples(List.of(ids), domains, targets);
        if (debiaser.isEmpty()) {
            return evaluation(outputs(factual, split), samples, loss, OptionalDouble.empty());
        }
        if (strength.isPresent()) {
            float[] outputs = debiased(debiaser.get(), factual, counterfactual, strength.getAsDouble(), scratch);
            return evaluation(outputs(outputs, split), samples, loss, strength);
        }
        return tuned(debiaser.get(), factual, counterfactual, samples, loss, scratch, split);
    }

    /** The evaluation at the first of the debiaser's strengths that scores best on the tuning metric. */
    private Evaluation tuned(Debiaser debiaser, float[] factual, float[] counterfactual, Evaluation.Samples samples,
                             double loss, NDManager scratch, Split split) {
        Direction direction = Metric.fromId(tuningMetric).direction();
        Evaluation best = null;
        for (double candidate : debiaser.strengths()) {
            float[] outputs = debiased(debiaser, factual, counterfactual, candidate, scratch);
            Evaluation evaluation = evaluation(outputs(outputs, split), samples, loss, OptionalDouble.of(candidate));
            if (best == null || direction.isBetter(evaluation.metrics().get(tuningMetric),
                    best.metrics().get(tuningMetric))) {
                best = evaluation;
            }
        }
        if (best == null) {
            throw new TrainingException("the debiaser lists no strengths to tune");
        }
        return best;
    }

    private float[] debiased(Debiaser debiaser, float[] factual, float[] counterfactual, double strength,
                             NDManager scratch) {
        int width = task.outputs();
        Shape shape = new Shape(factual.length / width, width);
        try (NDManager manager = scratch.newSubManager()) {
            NDArray combined = debiaser.combine(manager.create(factual, shape), manager.create(counterfactual, shape),
                    strength);
            return combined.toFloatArray();
        }
    }

    private Evaluation evaluation(float[] outputs, Evaluation.Samples samples, double loss,
                                  OptionalDouble strength) {
        double[] predictions = predictions(outputs);
        MetricSet metrics = family.compute(predictions, samples.targets());
        return new Evaluation(MetricSet.builder().putAll(metrics).put(Metric.LOSS, loss).build(), predictions,
                strength, samples, task.isRegression() ? null : probabilities(outputs));
    }

    /** The model's outputs [samples × outputs], checked to be finite. */
    private static float[] outputs(float[] outputs, Split split) {
        for (float output : outputs) {
            if (!Float.isFinite(output)) {
                throw new TrainingException("the model predicted " + output + " on the " + split.name()
                        + " split: a component produced NaN or infinity");
            }
        }
        return outputs;
    }

    /** Per sample, the score (regression) or the class id with the largest output. */
    private double[] predictions(float[] outputs) {
        int width = task.outputs();
        double[] predictions = new double[outputs.length / width];
        for (int i = 0; i < predictions.length; i++) {
            predictions[i] = task.isRegression() ? outputs[i * width] : argmax(outputs, i, width);
        }
        return predictions;
    }

    /**
     * Per sample, the softmax of its class logits, p_c = exp(z_c - max z) / sum_k exp(z_k - max z) (shifted by the
     * largest logit so that no exponential overflows).
     */
    private double[][] probabilities(float[] outputs) {
        int width = task.outputs();
        double[][] probabilities = new double[outputs.length / width][width];
        for (int i = 0; i < probabilities.length; i++) {
            double largest = outputs[i * width + argmax(outputs, i, width)];
            double sum = 0;
            for (int c = 0; c < width; c++) {
                probabilities[i][c] = Math.exp(outputs[i * width + c] - largest);
                sum += probabilities[i][c];
            }
            for (int c = 0; c < width; c++) {
                probabilities[i][c] /= sum;
            }
        }
        return probabilities;
    }

    private static void copy(NDArray output, float[] into, int offset) {
        float[] values = output.toFloatArray();
        System.arraycopy(values, 0, into, offset, values.length);
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
