package io.mosaic.runtime.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.Batch;
import io.mosaic.api.model.FitsTrainingSplit;
import io.mosaic.api.model.Scalars;
import io.mosaic.api.model.Taps;
import io.mosaic.api.model.Temporaries;
import io.mosaic.api.model.TrainingSplit;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.StatefulObjective;
import io.mosaic.api.objective.Views;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.assembly.ResolvedAssemblyWriter;
import io.mosaic.runtime.assembly.ResolvedObjective;
import io.mosaic.runtime.assembly.ResolvedSweep;
import io.mosaic.runtime.assembly.ResolvedView;
import io.mosaic.runtime.assembly.Stage;
import io.mosaic.runtime.assembly.Update;
import io.mosaic.runtime.data.Batcher;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.Split;
import io.mosaic.runtime.encodercache.EncoderCaches;
import io.mosaic.runtime.metrics.Direction;
import io.mosaic.runtime.metrics.Metric;
import io.mosaic.runtime.model.BuiltModel;
import io.mosaic.runtime.model.ComponentFailureException;
import io.mosaic.runtime.model.ModelBuilder;
import io.mosaic.runtime.model.PlacedComponent;
import io.mosaic.runtime.run.ProcessMemory;
import io.mosaic.runtime.run.RunFolder;
import io.mosaic.runtime.train.optim.Adam;
import io.mosaic.runtime.protocols.CorruptedBatch;
import io.mosaic.runtime.train.optim.AdamConfig;
import io.mosaic.runtime.train.optim.GradientClipping;
import io.mosaic.runtime.train.optim.ParameterGroup;
import io.mosaic.runtime.train.optim.ParameterGroups;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Trains a resolved assembly: stage by stage, epoch by epoch, with Adam; selects the checkpoint on the validation
 * split; writes {@code last} and {@code best} checkpoints after every epoch, so a killed run resumes from its last
 * completed epoch with the same numbers it would have produced; and evaluates the selected checkpoint on the test
 * split once, at the end, or later ({@link #evaluateSelected}) when the assembly defers it. The median stopping rule
 * ({@link MedianStop}), when the assembly carries one, may end the run before its epochs.
 *
 * <p>Determinism: the model is initialised from the assembly's seed, and each epoch reseeds the engine and shuffles
 * from (seed, epoch) alone, so the same assembly, data and seed give the same numbers on CPU, resumed or not.
 */
public final class Trainer {
    private final TrainingListener listener;
    private final StopRequest stop;
    /** Where frozen encoders' outputs are cached; {@code null} to cache nothing. */
    private final Path encoderCache;

    /** A trainer that runs to the end. */
    public Trainer(TrainingListener listener) {
        this(listener, new StopRequest());
    }

    /** A trainer that ends a run at the next step boundary once {@code stop} is requested. */
    public Trainer(TrainingListener listener, StopRequest stop) {
        this(listener, stop, null);
    }

    /**
     * A trainer that also caches the outputs of frozen file-backed encoders first in their chain in
     * {@code encoderCache}, a folder runs share ({@link EncoderCaches}).
     */
    public Trainer(TrainingListener listener, StopRequest stop, Path encoderCache) {
        this.listener = listener;
        this.stop = stop;
        this.encoderCache = encoderCache;
    }

    /**
     * @param root   the manager (on the run's device) that owns everything the run creates
     * @param resume continue from the folder's last checkpoint, if it has one
     * @throws RunStoppedException when a stop was requested, at the step boundary where it was seen
     */
    public TrainingResult train(ResolvedAssembly assembly, RunFolder folder, NDManager root, boolean resume) {
        long started = System.nanoTime();
        return withModel(assembly, folder, root, run -> {
            TrainingState state = run.train(run.initialState(resume));
            run.restoreSelected();
            return run.evaluateSelected(state, !assembly.train().testDeferred(), started);
        });
    }

    /**
     * Evaluates the selected checkpoint of the completed run in {@code folder}, trained with
     * {@code train.select.test: deferred}, as {@link #train} would have at its end: on the validation split, the test
     * split, each domain test split and under each sweep. This is the first time the run reads them.
     */
    public TrainingResult evaluateSelected(ResolvedAssembly assembly, RunFolder folder, NDManager root) {
        long started = System.nanoTime();
        return withModel(assembly, folder, root, run -> {
            TrainingState state = Checkpoint.readState(folder.checkpoint("last"));
            run.restoreSelected();
            return run.evaluateSelected(state, true, started);
        });
    }

    /**
     * Seeds the engine's generator, builds the assembly's model and optimizer on {@code root}, fits what is fitted on
     * the training split, and hands the run to {@code action}; the model and optimizer are closed when it returns.
     */
    private TrainingResult withModel(ResolvedAssembly assembly, RunFolder folder, NDManager root,
                                     Function<Run, TrainingResult> action) {
        Engine.getInstance().setRandomSeed(seedOf(assembly.assembly().seed(), 0));
        EncoderCaches caches = encoderCache == null ? EncoderCaches.none()
                : EncoderCaches.in(encoderCache, assembly, listener::message);
        try (BuiltModel model = ModelBuilder.build(assembly, root, caches);
             Adam adam = new Adam(AdamConfig.of(assembly.train().optimizer()), root);
             Run run = new Run(assembly, folder, model, adam, root)) {
            fitOnTrainingSplit(assembly, model, root, stop);
            return action.apply(run);
        }
    }

    /**
     * Times training as {@link #train} does it, without a run folder: {@code warmup} untimed steps, then {@code steps}
     * timed ones on the first epoch's batches (wrapping around), then {@code evaluations} timed evaluations of the
     * validation split in a row; with {@code phases} around the timed steps (all of them at once) and around the
     * evaluations (all of them at once), their own work outside the times.
     */
    public BenchResult benchmark(ResolvedAssembly assembly, NDManager root, int warmup, int steps, int evaluations,
                                 BenchPhases phases) {
        if (warmup < 0 || steps < 1 || evaluations < 1) {
            throw new IllegalArgumentException("a benchmark needs warmup >= 0, steps >= 1 and evaluations >= 1, got "
                    + warmup + ", " + steps + " and " + evaluations);
        }
        Engine.getInstance().setRandomSeed(seedOf(assembly.assembly().seed(), 0));
        try (BuiltModel model = ModelBuilder.build(assembly, root);
             Adam adam = new Adam(AdamConfig.of(assembly.train().optimizer()), root);
             Run run = new Run(assembly, null, model, adam, root)) {
            fitOnTrainingSplit(assembly, model, root, stop);
            Stage stage = assembly.train().stages().get(0);
            List<ResolvedObjective> active = run.activeObjectives(stage);
            model.freezeOnly(stage.frozen(), active.stream().map(ResolvedObjective::name).toList());
            Split train = assembly.dataset().split(Dataset.TRAIN);
            int batchSize = Math.min(assembly.train().batch(), train.size());
            int[] order = shuffled(train.size(), assembly.assembly().seed(), 1);
            int batches = order.length / batchSize;
            Split valid = assembly.dataset().split(Dataset.VALID);
            // A testbed generates a sample when it is first read and keeps it (when the split fits in memory), as a
            // run's first epoch does; the PyTorch references read theirs from memory. Every sample the steps and the
            // evaluation read is read once here, and the evaluation's batch size chosen (its probes run), so that the
            // times are those of the epochs after the first.
            readAhead(train, Arrays.copyOf(order, Math.min(warmup + steps, batches) * batchSize));
            readAhead(valid, IntStream.range(0, valid.size()).toArray());
            run.evaluator.chooseBatchSize(model, valid, root);
            IntConsumer step = s -> {
                stop.check(() -> "benchmark step " + (s + 1));
                int from = (s % batches) * batchSize;
                run.step(train, Arrays.copyOfRange(order, from, from + batchSize), active, 1, s);
            };
            for (int s = 0; s < warmup; s++) {
                step.accept(s);
            }
            double[] seconds = new double[steps];
            phases.around(BenchPhases.TRAIN, () -> {
                for (int s = warmup; s < warmup + steps; s++) {
                    long start = System.nanoTime();
                    step.accept(s);
                    seconds[s - warmup] = (System.nanoTime() - start) / 1e9;
                }
            });
            double[] evaluation = new double[evaluations];
            phases.around(BenchPhases.EVALUATE, () -> {
                for (int e = 0; e < evaluations; e++) {
                    long start = System.nanoTime();
                    run.evaluator.evaluate(model, valid, root);
                    evaluation[e] = (System.nanoTime() - start) / 1e9;
                }
            });
            return new BenchResult(batchSize, seconds, valid.size(), evaluation, model.totalParameters(),
                    ProcessMemory.peakResidentMegabytes());
        }
    }

    /** Reads the samples at {@code indices} of {@code split}, which a split that keeps its samples then holds. */
    private void readAhead(Split split, int[] indices) {
        for (int index : indices) {
            stop.check(() -> "reading the " + split.name() + " split ahead of the benchmark");
            split.sample(index);
        }
    }

    /**
     * The weighted sum of {@code objectives} on {@code views}, as a scalar in {@code manager}, each computed by its
     * instance in {@code model}. An objective set to read another view ({@code view: missing}) sees that view as its
     * clean one. What an objective throws fails the run naming it ({@link ComponentFailureException}).
     */
    static NDArray weightedLoss(List<ResolvedObjective> objectives, BuiltModel model, StepViews views,
                                NDManager manager) {
        return weightedLoss(objectives, model, views, manager, new LinkedHashMap<>());
    }

    /** The weighted sum, as above, recording each objective's own (unweighted) value in {@code values} by name. */
    static NDArray weightedLoss(List<ResolvedObjective> objectives, BuiltModel model, StepViews views,
                                NDManager manager, Map<String, NDArray> values) {
        NDArray total = manager.zeros(new Shape());
        for (ResolvedObjective objective : objectives) {
            Views seen = seenBy(objective, views);
            Objective instance = model.objective(objective.name());
            NDArray loss = Temporaries.released(() -> PlacedComponent.unslotted(objective.component().component())
                    .attributing("loss", () -> instance.loss(seen)));
            values.put(objective.name(), loss);
            total = total.add(Scalars.times(loss, objective.weight()));
        }
        return total;
    }

    /** The views as {@code objective} sees them: the view it is set to read as its clean one. */
    private static Views seenBy(ResolvedObjective objective, StepViews views) {
        return objective.view().equals(Views.CLEAN) ? views : views.withCleanAs(objective.view());
    }

    /**
     * Whether {@code objective} reads the clean view alone: the first step's objectives under per-view updates. The
     * views an objective reads are declared, so the instance the resolver checked answers for every model's.
     */
    static boolean readsCleanOnly(ResolvedObjective objective) {
        return objective.view().equals(Views.CLEAN) && objective.objective().views().equals(Set.of(Views.CLEAN));
    }

    /**
     * Lets every module of {@code model} that keeps data-derived state fit it, and every stateful objective set its
     * initial state, from the training split alone.
     */
    static void fitOnTrainingSplit(ResolvedAssembly assembly, BuiltModel model, NDManager root, StopRequest stop) {
        List<FitsTrainingSplit> fitted = model.fitted();
        List<ResolvedObjective> stateful = assembly.objectives().stream()
                .filter(o -> model.objective(o.name()) instanceof StatefulObjective).toList();
        if (fitted.isEmpty() && stateful.isEmpty()) {
            return;
        }
        Split train = assembly.dataset().split(Dataset.TRAIN);
        Batcher batcher = new Batcher(assembly.dataSpec().inputs(), assembly.dataSpec().task());
        int batchSize = assembly.train().evalBatch();
        TrainingSplit split = new TrainingSplit() {
            @Override
            public int size() {
                return train.size();
            }

            @Override
            public void forEachBatch(Consumer<Batch> action) {
                for (int start = 0; start < train.size(); start += batchSize) {
                    int from = start;
                    stop.check(() -> "fitting on the training split, sample " + (from + 1));
                    int[] indices = Evaluator.range(start, Math.min(train.size(), start + batchSize));
                    try (NDManager manager = root.newSubManager()) {
                        action.accept(batcher.batch(train, indices, manager));
                    }
                }
            }
        };
        fitted.forEach(module -> module.fit(split));
        stateful.forEach(objective -> withStateOf(objective, model, "fit", kept -> kept.fit(split)));
    }

    /**
     * Lets {@code objective}'s instance in {@code model}, a {@link StatefulObjective}, act on its state; a failure
     * names the objective's component and {@code phase}.
     */
    private static void withStateOf(ResolvedObjective objective, BuiltModel model, String phase,
                                    Consumer<StatefulObjective> action) {
        StatefulObjective kept = (StatefulObjective) model.objective(objective.name());
        PlacedComponent.unslotted(objective.component().component()).attributing(phase, () -> {
            action.accept(kept);
            return null;
        });
    }

    /** The engine seed of an epoch (0 = initialisation): a mix of both, so neighbouring seeds do not overlap. */
    static int seedOf(long seed, int epoch) {
        long z = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
        return (int) (z ^ (z >>> 29)) & Integer.MAX_VALUE;
    }

    /** A permutation of {@code [0, size)} drawn from (seed, epoch) alone. */
    static int[] shuffled(int size, long seed, int epoch) {
        int[] order = Evaluator.range(0, size);
        SplittableRandom random = new SplittableRandom(seedOf(seed, epoch) ^ 0x5DEECE66DL);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static GradientClipping clipping(Parameters optimizer) {
        return new GradientClipping(optimizer.real("clip-value"), optimizer.real("clip-norm"));
    }

    /** One training run's working state; closing it frees what its evaluations kept. */
    private final class Run implements AutoCloseable {
        private final ResolvedAssembly assembly;
        private final RunFolder folder;
        private final BuiltModel model;
        private final Adam adam;
        private final GradientClipping clipping;
        private final NDManager root;
        private final Batcher batcher;
        private final Evaluator evaluator;
        private final Collection<Parameter> parameters;
        private final List<ParameterGroup> groups;
        /** How many batches' gradients each optimizer step sums. */
        private final int accumulate;
        private final Direction direction;
        private final MedianStop medianStop;
        private final long seed;
        /** Per objective, the sum over this epoch's training samples of its unweighted value. */
        private final Map<String, Double> objectiveSums = new LinkedHashMap<>();
        /** The scalar taps of this epoch's clean training passes. */
        private final ScalarTapMeans scalarTaps = new ScalarTapMeans();

        /** @param folder where checkpoints go; {@code null} for a benchmark, which writes none */
        Run(ResolvedAssembly assembly, RunFolder folder, BuiltModel model, Adam adam, NDManager root) {
            this.assembly = assembly;
            this.folder = folder;
            this.model = model;
            this.adam = adam;
            this.clipping = clipping(assembly.train().optimizer());
            this.root = root;
            this.batcher = new Batcher(assembly.dataSpec().inputs(), assembly.dataSpec().task());
            String selection = assembly.train().selectionMetric();
            this.evaluator = new Evaluator(batcher, assembly.dataSpec().task(), assembly.metrics(),
                    assembly.objectives(), assembly.train().evalBatch(), (long) assembly.train().evalMemory() << 20,
                    assembly.train().evalWorkers(),
                    selection.equals(Metric.LOSS.id()) ? assembly.metrics().metrics().get(0).id() : selection, stop,
                    listener::message);
            this.parameters = model.trainable().values();
            this.groups = ParameterGroups.of(assembly.train(), model);
            this.accumulate = assembly.train().accumulate();
            this.direction = Metric.fromId(assembly.train().selectionMetric()).direction();
            this.medianStop = new MedianStop(assembly.train().medianCurve(), assembly.train().medianFrom(),
                    direction);
            this.seed = assembly.assembly().seed();
        }

        @Override
        public void close() {
            evaluator.close();
        }

        /** Loads the selected checkpoint ({@code best}) into the model and the optimizer. */
        void restoreSelected() {
            Checkpoint.restore(folder.checkpoint("best"), model, adam, root);
        }

        /**
         * The selected checkpoint, restored in the model, on the validation split, and with {@code test} on the test
         * split, each domain test split and under each sweep (the only place a run reads them).
         */
        TrainingResult evaluateSelected(TrainingState state, boolean test, long started) {
            Dataset data = assembly.dataset();
            Evaluation valid = evaluator.evaluate(model, data.split(Dataset.VALID), root);
            Optional<Evaluation> tested = Optional.empty();
            Map<String, Evaluation> domainTests = new LinkedHashMap<>();
            List<SweepResult> sweeps = new ArrayList<>();
            if (test) {
                tested = Optional.of(evaluator.evaluate(model, data.split(Dataset.TEST), root, Optional.empty(),
                        valid.strength()));
                for (String name : data.domainTests()) {
                    domainTests.put(name, evaluator.evaluate(model, data.domainTest(name), root, Optional.empty(),
                            valid.strength()));
                }
                for (ResolvedSweep sweep : assembly.sweeps()) {
                    listener.message("sweep " + sweep.name() + " over " + sweep.rates().size()
                            + " rates on the test split");
                    sweeps.add(sweep(sweep, data.split(Dataset.TEST), valid.strength()));
                }
            }
            return new TrainingResult(valid, tested, domainTests, sweeps, state, model.counts(),
                    (System.nanoTime() - started) / 1e9, LabelAgreement.of(data, model.statefulObjectives()));
        }

        /**
         * The selected checkpoint evaluated at each of the sweep's rates.
         *
         * @param strength the debiaser's strength, tuned on the clean validation split
         */
        SweepResult sweep(ResolvedSweep sweep, Split split, OptionalDouble strength) {
            List<Evaluation> evaluations = new ArrayList<>();
            for (double rate : sweep.rates()) {
                Corruption corruption = new Corruption(sweep.protocol(), "sweep:" + sweep.name(),
                        OptionalDouble.of(rate), seed);
                evaluations.add(evaluator.evaluate(model, split, root, Optional.of(corruption), strength));
            }
            return new SweepResult(sweep.name(), sweep.rates(), evaluations);
        }

        /** The objectives {@code stage} trains: all, unless the stage names some. */
        List<ResolvedObjective> activeObjectives(Stage stage) {
            return stage.objectives().isEmpty() ? assembly.objectives()
                    : assembly.objectives().stream().filter(o -> stage.objectives().contains(o.name())).toList();
        }

        TrainingState initialState(boolean resume) {
            String fingerprint = fingerprint(ResolvedAssemblyWriter.body(assembly));
            if (!resume || !Files.isRegularFile(folder.checkpoint("last"))) {
                return TrainingState.start(fingerprint);
            }
            TrainingState saved = Checkpoint.readState(folder.checkpoint("last"));
            if (!saved.fingerprint().equals(fingerprint)) {
                throw new TrainingException("cannot resume " + folder.path() + ": it was made by a different "
                        + "assembly (or other component versions); start a new run instead");
            }
            listener.message("resuming " + folder.path() + " after epoch " + saved.epoch());
            return Checkpoint.restore(folder.checkpoint("last"), model, adam, root);
        }

        TrainingState train(TrainingState initial) {
            TrainingState state = initial;
            List<Stage> stages = assembly.train().stages();
            int total = assembly.train().totalEpochs();
            while (state.stage() < stages.size()) {
                Stage stage = stages.get(state.stage());
                List<ResolvedObjective> active = activeObjectives(stage);
                model.freezeOnly(stage.frozen(), active.stream().map(ResolvedObjective::name).toList());
                int patience = assembly.train().patience();
                while (state.stageEpoch() < stage.epochs() && (patience == 0 || state.stale() < patience)
                        && !belowMedian(state)) {
                    state = epoch(state, stage, active, total);
                }
                if (state.stage() == stages.size() - 1 || belowMedian(state)) {
                    break;
                }
                state = state.nextStage();
            }
            if (!Files.isRegularFile(folder.checkpoint("best"))) {
                throw new TrainingException("training ended without a selected checkpoint");
            }
            return state;
        }

        /** Whether the median stopping rule ends the run after the state's epoch. */
        private boolean belowMedian(TrainingState state) {
            return medianStop.stopsAfter(state.epoch(), state.best());
        }

        private TrainingState epoch(TrainingState state, Stage stage, List<ResolvedObjective> active, int total) {
            int epoch = state.epoch() + 1;
            long start = System.nanoTime();
            Engine.getInstance().setRandomSeed(seedOf(seed, epoch));
            Split train = assembly.dataset().split(Dataset.TRAIN);
            int batchSize = assembly.train().batch();
            int[] order = shuffled(train.size(), seed, epoch);
            int batches = (order.length + batchSize - 1) / batchSize;
            listener.epochStarted(epoch, total, stage.name(), batches);
            double lossSum = 0;
            objectiveSums.clear();
            scalarTaps.clear();
            for (int b = 0; b < batches; b++) {
                int batch = b + 1;
                stop.check(() -> "epoch " + epoch + ", batch " + batch + " of " + batches);
                int from = b * batchSize;
                int[] indices = Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize));
                double loss = step(train, indices, active, epoch, b);
                lossSum += loss * indices.length;
                listener.batchFinished(loss);
            }
            if (batches % accumulate != 0) {
                // An incomplete last group of accumulated batches takes no step: MMSA discards its gradients.
                clearGradients();
            }
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            ObjectiveTables.write(folder, model.statefulObjectives(), epoch);
            Evaluation valid = evaluator.evaluate(model, assembly.dataset().split(Dataset.VALID), root);
            double value = valid.metrics().get(assembly.train().selectionMetric());
            boolean improved = state.bestEpoch() == 0 || direction.isBetter(value, state.best());
            Map<String, Double> objectiveMeans = new LinkedHashMap<>();
            objectiveSums.forEach((name, sum) -> objectiveMeans.put(name, sum / train.size()));
            EpochRecord record = new EpochRecord(epoch, stage.name(), lossSum / train.size(),
                    valid.metrics().get(Metric.LOSS), valid.metrics().asMap(), (System.nanoTime() - start) / 1e9,
                    train.size() / trainSeconds, improved, ProcessMemory.residentMegabytes(), objectiveMeans,
                    scalarTaps.means());
            TrainingState next = state.after(record, value);
            if (improved) {
                Checkpoint.save(folder.checkpoint("best"), next, model, adam, root);
            }
            Checkpoint.save(folder.checkpoint("last"), next, model, adam, root);
            EpochLog.write(folder, next.history());
            listener.epochFinished(record, assembly.train().selectionMetric());
            return next;
        }

        /**
         * One batch: its gradients on every objective, summed with those of the previous batches of its group of
         * {@code accumulate} batches and followed by an optimizer step when it is the group's last
         * ({@link Update#COMBINED}); or a step on the clean view's objectives followed by a step on the other views'
         * ({@link Update#PER_VIEW}, which does not accumulate). Returns the batch's loss, the sum over its passes.
         *
         * @param batch the batch's index in its epoch (in a benchmark, among the steps timed)
         */
        double step(Split split, int[] indices, List<ResolvedObjective> active, int epoch, int batch) {
            try (NDManager manager = root.newSubManager()) {
                double loss;
                try (NDScope scope = new NDScope()) {
                    ParameterStore store = new ParameterStore(manager, false);
                    StepViews views = new StepViews(store);
                    if (assembly.train().update() == Update.COMBINED) {
                        Batch data = batcher.batch(split, indices, manager);
                        try (EncoderCaches.Fed fed = model.caches().feeding(split, data);
                             GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                            forwardClean(store, data, views);
                            forwardCorrupted(store, data, indices, epoch, views, manager);
                            loss = backward(collector, active, views, store, manager, epoch, batch);
                        }
                    } else {
                        List<ResolvedObjective> cleanOnly = active.stream().filter(Trainer::readsCleanOnly).toList();
                        List<ResolvedObjective> others = active.stream().filter(o -> !readsCleanOnly(o)).toList();
                        Batch data;
                        // The clean pass's intermediates live in their own manager, released once its step is
                        // taken; only the batch and the taps (the teachers of the second step) are kept.
                        try (NDManager cleanPass = manager.newSubManager()) {
                            data = batcher.batch(split, indices, cleanPass);
                            try (EncoderCaches.Fed fed = model.caches().feeding(split, data);
                                 GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                                forwardClean(store, data, views);
                                loss = cleanOnly.isEmpty() ? 0
                                        : backward(collector, cleanOnly, views, store, manager, epoch, batch);
                            }
                            keep(data, views.taps(Views.CLEAN), manager);
                        }
                        if (!others.isEmpty()) {
                            if (!cleanOnly.isEmpty()) {
                                optimizerStep();
                            }
                            try (EncoderCaches.Fed fed = model.caches().feeding(split, data);
                                 GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                                forwardCorrupted(store, data, indices, epoch, views, manager);
                                loss += backward(collector, others, views, store, manager, epoch, batch);
                            }
                        }
                    }
                    updateStates(active, views, epoch);
                    scalarTaps.add(views.taps(Views.CLEAN));
                    scope.suppressNotUsedWarning();
                }
                if ((batch + 1) % accumulate == 0) {
                    optimizerStep();
                    clearGradients();
                }
                return loss;
            }
        }

        /**
         * Moves the state of the stateful objectives among {@code active} on after a training step, each with the
         * views its loss saw.
         */
        private void updateStates(List<ResolvedObjective> active, StepViews views, int epoch) {
            for (ResolvedObjective objective : active) {
                if (model.objective(objective.name()) instanceof StatefulObjective) {
                    Views seen = seenBy(objective, views);
                    withStateOf(objective, model, "update", kept -> kept.update(seen, epoch));
                }
            }
        }

        /** Clips the gradients, if the assembly says so, and takes an Adam step. */
        private void optimizerStep() {
            clipping.apply(parameters, root);
            adam.step(groups);
        }

        /** Moves the batch's arrays and the taps to {@code manager}, so they outlive the manager they were made in. */
        private static void keep(Batch batch, Taps taps, NDManager manager) {
            Batcher.arrays(batch).forEach(array -> array.attach(manager));
            taps.attach(manager);
        }

        private void forwardClean(ParameterStore store, Batch data, StepViews views) {
            Taps taps = new Taps();
            model.network().forward(store, data, taps, true);
            views.add(Views.CLEAN, data, taps);
        }

        private void forwardCorrupted(ParameterStore store, Batch data, int[] indices, int epoch, StepViews views,
                                      NDManager manager) {
            for (ResolvedView view : assembly.views().values()) {
                Corruption corruption = new Corruption(view.protocol(), "view:" + view.name(), view.rate(), seed);
                CorruptedBatch corrupted = corruption.apply(data, epoch, indices, manager);
                Taps viewTaps = new Taps();
                corrupted.removed().forEach((m, removed) -> viewTaps.put(MissingProtocol.removedTap(m), removed));
                model.network().forward(store, corrupted.batch(), viewTaps, true);
                views.add(view.name(), corrupted.batch(), viewTaps);
            }
        }

        /**
         * Back-propagates the weighted sum of {@code objectives} (accumulating into the gradients) and returns its
         * value; a non-finite sum fails the run, naming what produced it.
         */
        private double backward(GradientCollector collector, List<ResolvedObjective> objectives, StepViews views,
                                ParameterStore store, NDManager manager, int epoch, int batch) {
            Map<String, NDArray> values = new LinkedHashMap<>();
            NDArray total = weightedLoss(objectives, model, views, manager, values);
            double loss = total.getFloat();
            int samples = views.clean().size();
            values.forEach((name, value) -> objectiveSums.merge(name, (double) value.getFloat() * samples,
                    Double::sum));
            if (!Double.isFinite(loss)) {
                throw nonFiniteLoss(objectives, views, store, manager, "the loss is " + loss + " at epoch " + epoch
                        + ", batch " + (batch + 1));
            }
            collector.backward(total);
            return loss;
        }

        /**
         * The failure of a step whose loss is not finite: the first component that produced NaN or infinity from
         * finite inputs, found by running each view's forward pass again with checks; else the objectives whose
         * terms are not finite.
         *
         * @param when the loss and where it was taken, for the message
         */
        private RuntimeException nonFiniteLoss(List<ResolvedObjective> objectives, StepViews views,
                                               ParameterStore store, NDManager manager, String when) {
            for (String view : views.names()) {
                Optional<ComponentFailureException> source = model.findNonFinite(store, views.batch(view), true);
                if (source.isPresent()) {
                    ComponentFailureException found = source.get();
                    return new ComponentFailureException(found.component(), found.failure() + " (view " + view
                            + "); " + when, found.getCause());
                }
            }
            List<String> culprits = new ArrayList<>();
            for (ResolvedObjective objective : objectives) {
                double value = weightedLoss(List.of(objective), model, views, manager).getFloat();
                if (!Double.isFinite(value)) {
                    culprits.add(objective.name() + " (view " + objective.view() + ") = " + value);
                }
            }
            return new TrainingException(when + ": no component produced NaN or infinity from finite inputs; "
                    + "non-finite objectives: " + (culprits.isEmpty() ? "none alone (their sum overflowed)"
                    : String.join(", ", culprits)));
        }

        private void clearGradients() {
            for (Parameter parameter : parameters) {
                NDArray array = parameter.getArray();
                if (array.hasGradient()) {
                    try (NDArray gradient = array.getGradient()) {
                        gradient.subi(gradient);
                    }
                }
            }
        }
    }

    private static String fingerprint(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
