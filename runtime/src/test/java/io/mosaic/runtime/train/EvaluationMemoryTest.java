package io.mosaic.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mosaic.api.model.Temporaries;
import io.mosaic.runtime.assembly.Assemblies;
import io.mosaic.runtime.assembly.InstalledComponents;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.data.Batcher;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.Split;
import io.mosaic.runtime.model.BuiltModel;
import io.mosaic.runtime.model.ModelBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** An evaluation's batches: cut to a memory budget ({@code train.eval-memory}), run at once ({@code eval-workers}). */
class EvaluationMemoryTest {
    private static final long MIB = 1 << 20;
    private static final int EVAL_BATCH = 64;
    private static final ResolvedAssembly TINY = Assemblies.resolve(InstalledComponents.builtIn(), "tiny.yaml",
            TinyBaseline.YAML);

    @Test
    void theProbesGiveTheFixedBytesAndTheBytesOfEachSample() {
        // bytes(n) = 1,000 + 250 n: 2,000 at 4 samples, 3,000 at 8.
        EvaluationMemory memory = EvaluationMemory.fromProbes(2_000, 3_000);

        assertThat(memory).isEqualTo(new EvaluationMemory(1_000, 250));
    }

    @Test
    void theBatchIsTheLargestThatFitsTheBudgetWithinEvalBatch() {
        EvaluationMemory memory = new EvaluationMemory(1_000, 250);

        assertThat(memory.batchSize(1_000 + 10 * 250 + 249, 256)).isEqualTo(10);
        assertThat(memory.batchSize(1_000 + 10 * 250, 256)).isEqualTo(10);
        assertThat(memory.batchSize(MIB, 256)).isEqualTo(256);
        assertThat(memory.batchSize(500, 256)).as("a budget below the fixed bytes").isEqualTo(1);
        assertThat(new EvaluationMemory(1_000, 0).batchSize(1, 64)).as("nothing grows with the batch").isEqualTo(64);
    }

    @Test
    void aProbeThatShrinksWithTheBatchCountsNoBytesPerSample() {
        assertThat(EvaluationMemory.fromProbes(3_000, 2_000)).isEqualTo(new EvaluationMemory(3_000, 0));
    }

    @Test
    void heldBytesCountTheArraysOfAManagerAndItsSubManagers() {
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.zeros(new Shape(2, 3), DataType.FLOAT32);                 // 24 bytes
            NDArray indices = manager.zeros(new Shape(4), DataType.INT64);    // 32 bytes
            NDManager sub = manager.newSubManager();
            sub.zeros(new Shape(5), DataType.FLOAT32);                        // 20 bytes

            assertThat(EvaluationMemory.heldBytes(manager)).isEqualTo(76);
            indices.close();
            assertThat(EvaluationMemory.heldBytes(manager)).isEqualTo(44);
        }
    }

    @Test
    void thePeakCountsTemporariesThatAReleasedComputationClosed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            long peak = EvaluationMemory.peakBytes(manager, () -> Temporaries.released(() -> {
                manager.zeros(new Shape(100), DataType.FLOAT32);                 // 400 bytes, released
                return manager.zeros(new Shape(10), DataType.FLOAT32);           // 40 bytes, kept
            }));

            assertThat(peak).isEqualTo(440);
            assertThat(EvaluationMemory.heldBytes(manager)).as("after the release").isEqualTo(40);
        }
    }

    /**
     * The probes hold the split's longest samples (a GRU runs a batch up to its longest sample, so its arrays grow with
     * it): the small probe the four longest, the large one the eight longest, each in order of length; the evaluation
     * batches by the same order without reading the lengths again.
     */
    @Test
    void theProbesHoldTheSplitsLongestSamples() {
        try (NDManager root = NDManager.newBaseManager();
             BuiltModel model = ModelBuilder.build(TINY, root)) {
            Split valid = TINY.dataset().split(Dataset.VALID);
            List<String> read = new ArrayList<>();
            Split reading = valid.mapped(sample -> {
                read.add(sample.id());
                return sample;
            });
            int[] order = LengthOrder.of(valid);
            List<String> longest = new ArrayList<>();
            for (int i = order.length - EvaluationMemory.LARGE_PROBE; i < order.length; i++) {
                longest.add(valid.sample(order[i]).id());
            }

            Evaluator evaluator = evaluator(EVAL_BATCH, 1, 1, new StopRequest(), text -> { });
            evaluator.chooseBatchSize(model, reading, root);

            List<String> probed = new ArrayList<>(longest.subList(longest.size() - EvaluationMemory.SMALL_PROBE,
                    longest.size()));
            probed.addAll(longest);
            assertThat(read.subList(valid.size(), read.size())).as("after each sample's length, the probes' samples")
                    .containsExactlyElementsOf(probed);

            int beforeEvaluation = read.size();
            evaluator.evaluate(model, reading, root);
            assertThat(read.size() - beforeEvaluation).as("each sample into its batch; the lengths read once, above")
                    .isEqualTo(valid.size());
        }
    }

    /** Cut to one sample a batch, the evaluation gives the predictions and loss of one batch of 64. */
    @Test
    void aBudgetCutsTheBatchesAndKeepsThePredictions() {
        try (NDManager root = NDManager.newBaseManager();
             BuiltModel model = ModelBuilder.build(TINY, root)) {
            Split valid = TINY.dataset().split(Dataset.VALID);
            List<String> reports = new ArrayList<>();
            Evaluator whole = evaluator(EVAL_BATCH, 0, 1, new StopRequest(), reports::add);
            Evaluator cut = evaluator(EVAL_BATCH, 1, 1, new StopRequest(), reports::add);

            Evaluation once = whole.evaluate(model, valid, root);
            Evaluation oneByOne = cut.evaluate(model, valid, root);
            Evaluation again = cut.evaluate(model, valid, root, Optional.empty(), OptionalDouble.empty());

            assertThat(valid.size()).isGreaterThan(EvaluationMemory.LARGE_PROBE);
            assertThat(reports).as("reported once, when chosen, by the evaluator that cuts").hasSize(1);
            assertThat(reports.get(0)).startsWith("evaluation batches of 1 sample, not eval-batch's 64, to fit "
                    + "eval-memory 0 MiB (arrays of ");
            for (int i = 0; i < valid.size(); i++) {
                assertThat(oneByOne.predictions()[i]).isCloseTo(once.predictions()[i], within(1e-5));
            }
            assertThat(oneByOne.metrics().get("loss")).isCloseTo(once.metrics().get("loss"), within(1e-5));
            assertThat(again.predictions()).containsExactly(oneByOne.predictions());
            assertThat(oneByOne.samples().ids()).isEqualTo(once.samples().ids());
            assertThat(oneByOne.samples().targets()).containsExactly(once.samples().targets());
        }
    }

    /**
     * Three workers cut valid into three batches run at once; each sample gets the prediction one batch of 64 gives
     * it, in split order, and the loss is the same sum.
     */
    @Test
    void batchesRunAtOnceGiveEachSampleItsPredictionInSplitOrder() {
        try (NDManager root = NDManager.newBaseManager();
             BuiltModel model = ModelBuilder.build(TINY, root)) {
            Split valid = TINY.dataset().split(Dataset.VALID);
            List<String> reports = new ArrayList<>();

            Evaluation alone = evaluator(EVAL_BATCH, 0, 1, new StopRequest(), reports::add)
                    .evaluate(model, valid, root);
            Evaluation together = evaluator(EVAL_BATCH, 0, 3, new StopRequest(), reports::add)
                    .evaluate(model, valid, root);

            assertThat(valid.size()).isBetween(3, 64);
            assertThat(together.samples().ids()).isEqualTo(alone.samples().ids());
            assertThat(together.samples().targets()).containsExactly(alone.samples().targets());
            for (int i = 0; i < valid.size(); i++) {
                assertThat(together.predictions()[i]).as("sample %d", i)
                        .isCloseTo(alone.predictions()[i], within(1e-6));
            }
            assertThat(together.metrics().get("loss")).isCloseTo(alone.metrics().get("loss"), within(1e-6));
            assertThat(reports).isEmpty();
        }
    }

    /** A stop asked while batches run at once ends the evaluation with it; no batch starts after it. */
    @Test
    void aStopDuringBatchesRunAtOnceEndsTheEvaluation() {
        try (NDManager root = NDManager.newBaseManager();
             BuiltModel model = ModelBuilder.build(TINY, root)) {
            AtomicInteger checks = new AtomicInteger();
            StopRequest afterTheFirstBatch = new StopRequest(
                    () -> checks.incrementAndGet() > 1 ? Optional.of("asked") : Optional.empty());
            Evaluator evaluator = evaluator(EVAL_BATCH, 0, 3, afterTheFirstBatch, text -> { });

            assertThatThrownBy(() -> evaluator.evaluate(model, TINY.dataset().split(Dataset.VALID), root))
                    .isInstanceOf(RunStoppedException.class)
                    .hasMessageContaining("stopped (asked) at evaluation of the valid split, batch ");
            assertThat(checks.get()).as("one check a batch started: the first, and the stopped ones under way")
                    .isBetween(2, 3);
        }
    }

    /** eval-batch counts the samples of every batch in flight: two workers at eval-batch 8 take batches of 4. */
    @Test
    void workersShareEvalBatch() {
        try (NDManager root = NDManager.newBaseManager();
             BuiltModel model = ModelBuilder.build(TINY, root)) {
            Split valid = TINY.dataset().split(Dataset.VALID);
            for (int workers : new int[] {1, 2}) {
                AtomicInteger batches = new AtomicInteger();
                StopRequest counting = new StopRequest(() -> {
                    batches.incrementAndGet();
                    return Optional.empty();
                });
                Evaluator evaluator = evaluator(8, 0, workers, counting, text -> { });

                evaluator.evaluate(model, valid, root);

                int perBatch = 8 / workers;
                assertThat(batches.get()).as("%d worker(s)", workers)
                        .isEqualTo((valid.size() + perBatch - 1) / perBatch);
            }
        }
    }

    private static Evaluator evaluator(int evalBatch, long budgetBytes, int workers, StopRequest stop,
                                       Consumer<String> reports) {
        return new Evaluator(new Batcher(TINY.dataSpec().inputs(), TINY.dataSpec().task()), TINY.dataSpec().task(),
                TINY.metrics(), TINY.objectives(), evalBatch, budgetBytes, workers, "mae", stop, reports);
    }
}
