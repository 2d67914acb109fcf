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
import io.mosaic.runtime.host.Engines;
import io.mosaic.runtime.metrics.Direction;
import io.mosaic.runtime.metrics.Metric;
import io.mosaic.runtime.metrics.MetricFamily;
import io.mosaic.runtime.metrics.MetricSet;
import io.mosaic.runtime.model.BuiltModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * Runs a model over a split without training it, and computes the task's metrics and the objectives' loss. With a
 * debiaser, the model also runs on each batch's counterfactual, and the outputs are combined at the debiaser's
 * strength: the one given, or, on the validation split only, the one among the debiaser's strengths that scores best
 * on the tuning metric. With {@code eval-workers} above 1, the split's batches run on that many threads at once (each
 * thread turns autograd's recording off, as libtorch starts it on), which share the run's intra-op threads between
 * them ({@code backend.threads} / workers, at least one each); every batch writes its own samples' outputs, and the
 * losses are summed in batch order, so that the result does not depend on which batch ends first. The validation
 * split's batches are made at its first evaluation, in order of length ({@link LengthOrder}), and kept for the later
 * ones ({@link KeptBatches}) until {@link #close}; each sample's outputs are written at its place in the split.
 */
final class Evaluator implements AutoCloseable {
    private static final double MIB = 1 << 20;
    /**
     * The bytes of the validation split's batches kept between evaluations ({@link KeptBatches}), or fewer when the
     * evaluation's memory budget is smaller: at most this much of the validation split is kept, the rest made for
     * each evaluation.
     */
    static final long KEPT_BYTES = 256L << 20;

    private final Batcher batcher;
    private final Task task;
    private final MetricFamily family;
    private final List<ResolvedObjective> objectives;
    private final int evalBatch;
    private final long memoryBudget;
    private final int workers;
    private final String tuningMetric;
    private final StopRequest stop;
    private final Consumer<String> report;
    /** The batch size {@link #memoryBudget} allows, once probed; 0 before. */
    private int fittedBatch;
    /** The validation split's batches, once it has been evaluated; null before. */
    private KeptBatches kept;
    /** The split whose {@link #order} is held: its length order serves the probes and the kept batches alike. */
    private Split ordered;
    private int[] order;

    /**
     * @param objectives   the objectives whose weighted sum is reported as {@code loss}: those that read the clean
     *                     view alone (views exist only while training)
     * @param evalBatch    the largest evaluation batch ({@code train.eval-batch})
     * @param memoryBudget the bytes the arrays of the batches running at once may take ({@code train.eval-memory});
     *                     0 lets {@code evalBatch} alone decide
     * @param workers      evaluation batches run at once ({@code train.eval-workers}); a split is cut into at least as
     *                     many batches
     * @param tuningMetric the metric a debiaser's strength is tuned for on the validation split
     * @param stop         checked between batches
     * @param report       told the batch size the memory budget allows, when it is first chosen and smaller than
     *                     eval-batch
     */
    Evaluator(Batcher batcher, Task task, MetricFamily family, List<ResolvedObjective> objectives, int evalBatch,
              long memoryBudget, int workers, String tuningMetric, StopRequest stop, Consumer<String> report) {
        this.batcher = batcher;
        this.task = task;
        this.family = family;
        this.objectives = objectives.stream().filter(Trainer::readsCleanOnly).toList();
        this.evalBatch = evalBatch;
        this.memoryBudget = memoryBudget;
        this.workers = workers;
        this.tuningMetric = tuningMetric;
        this.stop = stop;
        this.report = report;
    }

    /** The validation split's kept batches; null before its first evaluation and after {@link #close}. */
    KeptBatches keptBatches() {
        return kept;
    }

    /** Frees the kept batches of the validation split (a later evaluation makes them again). */
    @Override
    public void close() {
        if (kept != null) {
            kept.close();
            kept = null;
        }
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
        Outputs outputs = new Outputs(size, debiaser.isPresent());
        // eval-batch and eval-memory count every batch in flight: each worker's is at most a workers-th of them, and
        // a split is cut into at least as many batches as there are workers
        int batchSize = Math.min(batchSize(model, split, corruption, new ParameterStore(scratch, false), scratch),
                Math.max(1, Math.min(evalBatch / workers, (size + workers - 1) / workers)));
        Optional<KeptBatches> keep = kept(split, batchSize, scratch);
        List<int[]> batches = keep.map(KeptBatches::indices).orElseGet(() -> cut(range(0, size), batchSize));
        double lossSum = 0;
        for (double batchLoss : evaluateBatches(model, split, batches, keep, corruption, scratch, outputs)) {
            lossSum += batchLoss;
        }
        double loss = lossSum / size;
        Evaluation.Samples samples = new Evaluation.Samples(List.of(outputs.ids), outputs.domains,
                outputs.targets);
        if (debiaser.isEmpty()) {
            return evaluation(outputs(outputs.factual, split), samples, loss, OptionalDouble.empty());
        }
        if (strength.isPresent()) {
            float[] combined = debiased(debiaser.get(), outputs.factual, outputs.counterfactual,
                    strength.getAsDouble(), scratch);
            return evaluation(outputs(combined, split), samples, loss, strength);
        }
        return tuned(debiaser.get(), outputs.factual, outputs.counterfactual, samples, loss, scratch, split);
    }

    /**
     * The kept batches of the validation split cut into {@code batchSize} samples, made anew when the split or its
     * batching changed; empty for any other split (the test split is evaluated once or a few times, each differently
     * corrupted, and would only hold memory).
     */
    private Optional<KeptBatches> kept(Split split, int batchSize, NDManager scratch) {
        if (!Dataset.VALID.equals(split.name())) {
            return Optional.empty();
        }
        if (kept == null || !kept.holds(split, batchSize)) {
            if (kept != null) {
                kept.close();
            }
            long budget = memoryBudget > 0 ? Math.min(KEPT_BYTES, memoryBudget) : KEPT_BYTES;
            kept = new KeptBatches(scratch.newSubManager(), split, lengthOrder(split), batchSize, budget);
        }
        return Optional.of(kept);
    }

    /**
     * Runs every batch, on up to {@code workers} threads at once ({@link EvaluationWorkers}), and returns each batch's
     * loss times its samples.
     */
    private double[] evaluateBatches(BuiltModel model, Split split, List<int[]> batches, Optional<KeptBatches> keep,
                                     Optional<Corruption> corruption, NDManager scratch, Outputs outputs) {
        int threads = Math.min(workers, batches.size());
        if (threads == 1) {
            double[] losses = new double[batches.size()];
            for (int b = 0; b < batches.size(); b++) {
                losses[b] = evaluateInOwnManager(model, split, batches, b, keep, corruption, scratch, outputs);
            }
            return losses;
        }
        int intraOp = Math.max(1, Engines.threads() / threads);
        return Engines.withThreads(intraOp, () -> EvaluationWorkers.run(batches.size(), threads,
                () -> Engines.forWorker(intraOp),
                b -> evaluateInOwnManager(model, split, batches, b, keep, corruption, scratch, outputs)));
    }

    /**
     * {@link #evaluateBatch} of batch {@code index} of {@code batches} in a manager of its own under {@code scratch},
     * after the stop check, with a parameter store of its own, so that no store is shared between threads.
     */
    private double evaluateInOwnManager(BuiltModel model, Split split, List<int[]> batches, int index,
                                        Optional<KeptBatches> keep, Optional<Corruption> corruption,
                                        NDManager scratch, Outputs outputs) {
        int[] indices = batches.get(index);
        stop.check(() -> "evaluation of the " + split.name() + " split, batch " + (index + 1) + " of "
                + batches.size());
        try (NDManager manager = scratch.newSubManager()) {
            Batch loaded = keep.isPresent() ? keep.get().lend(index, batcher, manager)
                    : batcher.batch(split, indices, manager);
            return evaluateBatch(model, split, loaded, indices, corruption, new ParameterStore(manager, false),
                    manager, outputs);
        }
    }

    /** Chooses the evaluation batch size now (see {@link #batchSize}), so that no timed evaluation runs the probes. */
    void chooseBatchSize(BuiltModel model, Split split, NDManager scratch) {
        batchSize(model, split, Optional.empty(), new ParameterStore(scratch, false), scratch);
    }

    /**
     * The evaluation batch size: {@code eval-batch}, or the largest batch whose arrays fit the memory budget, chosen
     * by two probe batches of the first split evaluated that has more samples than the larger probe, and kept for
     * every later evaluation, so that every evaluation of a run batches its samples alike. The probes hold the split's
     * longest samples, the longest in both: a recurrent encoder runs a batch up to its longest sample, so a batch's
     * arrays grow with it, and the line through the probes bounds every batch.
     */
    private int batchSize(BuiltModel model, Split split, Optional<Corruption> corruption, ParameterStore store,
                          NDManager scratch) {
        int largestBatch = Math.min(evalBatch, split.size());
        if (fittedBatch == 0 && memoryBudget > 0 && largestBatch > EvaluationMemory.LARGE_PROBE) {
            int[] order = lengthOrder(split);
            EvaluationMemory memory = EvaluationMemory.fromProbes(
                    probe(model, split, longest(order, EvaluationMemory.SMALL_PROBE), corruption, store, scratch),
                    probe(model, split, longest(order, EvaluationMemory.LARGE_PROBE), corruption, store, scratch));
            fittedBatch = memory.batchSize(memoryBudget / workers, evalBatch);
            if (fittedBatch < largestBatch) {
                report.accept(String.format(Locale.ROOT, "evaluation batches of %d sample%s, not eval-batch's %d, "
                        + "to fit eval-memory %d MiB (arrays of %.1f MiB a batch and %.2f MiB a sample)", fittedBatch,
                        fittedBatch == 1 ? "" : "s", evalBatch, memoryBudget >> 20, memory.fixedBytes() / MIB,
                        memory.bytesPerSample() / MIB));
            }
        }
        return fittedBatch == 0 ? evalBatch : fittedBatch;
    }

    /** {@link LengthOrder#of} {@code split}, read once for the last split asked (it reads every sample). */
    private int[] lengthOrder(Split split) {
        if (ordered != split) {
            order = LengthOrder.of(split);
            ordered = split;
        }
        return order;
    }

    /** The last {@code samples} of {@code order}, the longest samples when it is a {@link LengthOrder}. */
    private static int[] longest(int[] order, int samples) {
        return Arrays.copyOfRange(order, order.length - samples, order.length);
    }

    /** The most bytes of arrays a batch of the split's samples at {@code indices} holds at once. */
    private long probe(BuiltModel model, Split split, int[] indices, Optional<Corruption> corruption,
                       ParameterStore store, NDManager scratch) {
        try (NDManager manager = scratch.newSubManager()) {
            return EvaluationMemory.peakBytes(manager, () -> evaluateBatch(model, split,
                    batcher.batch(split, indices, manager), indices, corruption, store, manager,
                    new Outputs(split.size(), model.debiaser().isPresent())));
        }
    }

    /**
     * Runs the model on {@code loaded}, the samples at {@code indices}, writes what they give into {@code outputs} at
     * their indices, and returns the batch's loss times its samples.
     */
    private double evaluateBatch(BuiltModel model, Split split, Batch loaded, int[] indices,
                                 Optional<Corruption> corruption, ParameterStore store, NDManager manager,
                                 Outputs outputs) {
        int width = task.outputs();
        Optional<Debiaser> debiaser = model.debiaser();
        Batch batch = corruption.map(c -> c.applyForEvaluation(loaded, indices, manager).batch()).orElse(loaded);
        Taps taps = new Taps();
        try (EncoderCaches.Fed fed = model.caches().feeding(split, loaded)) {
            model.network().forward(store, batch, taps, false);
            copy(taps.get(PipelineFactory.PREDICTION_TAP), outputs.factual, indices, width);
            if (debiaser.isPresent()) {
                Taps counterfactualTaps = new Taps();
                model.network().forward(store, debiaser.get().counterfactual(store, batch, manager),
                        counterfactualTaps, false);
                copy(counterfactualTaps.get(PipelineFactory.PREDICTION_TAP), outputs.counterfactual, indices, width);
            }
        }
        float[] scores = batch.scores().toFloatArray();
        long[] labels = task.isRegression() ? null : batch.labels().toLongArray();
        long[] batchDomains = batch.domains().toLongArray();
        for (int i = 0; i < indices.length; i++) {
            outputs.targets[indices[i]] = task.isRegression() ? scores[i] : labels[i];
            outputs.ids[indices[i]] = batch.ids().get(i);
            outputs.domains[indices[i]] = Math.toIntExact(batchDomains[i]);
        }
        StepViews views = new StepViews(store);
        views.add(Views.CLEAN, batch, taps);
        return Trainer.weightedLoss(objectives, model, views, manager).getFloat() * (double) indices.length;
    }

    /** What the evaluation of a split's samples gives, per sample, in split order. */
    private final class Outputs {
        final float[] factual;
        /** The outputs on the counterfactual batches; {@code null} without a debiaser. */
        final float[] counterfactual;
        final double[] targets;
        final String[] ids;
        final int[] domains;

        Outputs(int size, boolean debiased) {
            factual = new float[size * task.outputs()];
            counterfactual = debiased ? new float[size * task.outputs()] : null;
            targets = new double[size];
            ids = new String[size];
            domains = new int[size];
        }
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

    /** The rows of {@code output} [B, width] into {@code into} at the rows {@code indices}. */
    private static void copy(NDArray output, float[] into, int[] indices, int width) {
        float[] values = output.toFloatArray();
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(values, i * width, into, indices[i] * width, width);
        }
    }

    /** {@code order}'s indices cut into batches of {@code batchSize}, in its order; the last may hold fewer. */
    static List<int[]> cut(int[] order, int batchSize) {
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            batches.add(Arrays.copyOfRange(order, start, Math.min(order.length, start + batchSize)));
        }
        return List.copyOf(batches);
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
