package io.mosaic.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.Modality;
import io.mosaic.runtime.assembly.Assemblies;
import io.mosaic.runtime.assembly.InstalledComponents;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.data.Batcher;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.Frames;
import io.mosaic.runtime.data.Sample;
import io.mosaic.runtime.data.Split;
import io.mosaic.runtime.data.SubsetSplit;
import io.mosaic.runtime.model.BuiltModel;
import io.mosaic.runtime.model.ModelBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The validation split's batches, kept between evaluations and batched by length: the same predictions, the samples
 * read at the first evaluation only.
 */
class KeptBatchesTest {
    private static final ResolvedAssembly TINY = Assemblies.resolve(InstalledComponents.builtIn(), "tiny.yaml",
            TinyBaseline.YAML);
    private static final Batcher BATCHER = new Batcher(TINY.dataSpec().inputs(), TINY.dataSpec().task());

    /** {@code split}, counting the samples read from it in {@code reads}. */
    private static Split counting(Split split, AtomicInteger reads) {
        return split.mapped(sample -> {
            reads.incrementAndGet();
            return sample;
        });
    }

    @Test
    void theValidationSplitIsReadAtTheFirstEvaluationOnlyAndEvaluatesAsWhenMadeEachTime() {
        try (NDManager root = NDManager.newBaseManager();
             BuiltModel model = ModelBuilder.build(TINY, root)) {
            AtomicInteger reads = new AtomicInteger();
            Split valid = counting(TINY.dataset().split(Dataset.VALID), reads);
            Evaluator keeping = evaluator(2);

            Evaluation first = keeping.evaluate(model, valid, root);
            int readAtFirst = reads.get();
            Evaluation second = keeping.evaluate(model, valid, root);
            Evaluation third = keeping.evaluate(model, valid, root);
            Evaluation fresh = evaluator(2).evaluate(model, TINY.dataset().split(Dataset.VALID), root);

            assertThat(readAtFirst).as("every sample, once for its length and once into its batch")
                    .isEqualTo(2 * valid.size());
            assertThat(reads.get()).as("no sample read after the first evaluation").isEqualTo(readAtFirst);
            for (Evaluation again : new Evaluation[] {second, third}) {
                assertThat(again.predictions()).containsExactly(first.predictions());
                assertThat(again.metrics()).isEqualTo(first.metrics());
                assertThat(again.samples().ids()).isEqualTo(first.samples().ids());
                assertThat(again.samples().targets()).containsExactly(first.samples().targets());
            }
            assertThat(fresh.predictions()).containsExactly(first.predictions());
        }
    }

    /**
     * The validation split's batches hold its samples shortest first, and the evaluation gives each sample's output at
     * its place in the split, as the same samples evaluated in split order do (another split's name) within rounding:
     * a GRU batch of shorter samples runs fewer steps, the states of the steps it runs are the same.
     */
    @Test
    void theValidationSplitIsBatchedByLengthAndItsOutputsStayInSplitOrder() {
        try (NDManager root = NDManager.newBaseManager();
             BuiltModel model = ModelBuilder.build(TINY, root)) {
            Split valid = TINY.dataset().split(Dataset.VALID);
            Evaluator evaluator = evaluator(2);

            Evaluation byLength = evaluator.evaluate(model, valid, root);
            Evaluation inSplitOrder = evaluator(2).evaluate(model, named("held-out", valid), root);

            List<int[]> batches = evaluator.keptBatches().indices();
            int[] lengths = batches.stream().flatMapToInt(Arrays::stream).map(i -> length(valid.sample(i))).toArray();
            assertThat(batches).hasSizeGreaterThan(1);
            assertThat(lengths).isSorted();
            assertThat(lengths[0]).isLessThan(lengths[lengths.length - 1]);
            assertThat(byLength.samples().ids()).isEqualTo(inSplitOrder.samples().ids());
            assertThat(byLength.samples().ids().get(0)).isEqualTo(valid.sample(0).id());
            assertThat(byLength.samples().targets()).containsExactly(inSplitOrder.samples().targets());
            assertThat(byLength.predictions()).containsExactly(inSplitOrder.predictions(), Offset.offset(1e-5));
        }
    }

    @Test
    void closingTheEvaluatorFreesTheKeptBatches() {
        try (NDManager root = NDManager.newBaseManager();
             BuiltModel model = ModelBuilder.build(TINY, root)) {
            Split valid = TINY.dataset().split(Dataset.VALID);
            long before = EvaluationMemory.heldBytes(root);
            Evaluator evaluator = evaluator(2);

            evaluator.evaluate(model, valid, root);
            long kept = EvaluationMemory.heldBytes(root) - before;
            evaluator.close();

            // per tiny sample: text 12 x 8, audio 20 x 4 and vision 24 x 6 floats, three int64 lengths, an int64 token
            // id per text step, the float score (a regression's labels) and the int64 domain
            assertThat(kept).isEqualTo(valid.size() * ((12 * 8 + 20 * 4 + 24 * 6) * 4L + 3 * 8 + 12 * 8 + 4 + 8));
            assertThat(EvaluationMemory.heldBytes(root)).isEqualTo(before);
        }
    }

    /** A budget for the evaluation's arrays (train.eval-memory) below a batch's inputs keeps none of them. */
    @Test
    void theEvaluationMemoryBudgetBoundsTheKeptBatches() {
        try (NDManager root = NDManager.newBaseManager();
             BuiltModel model = ModelBuilder.build(TINY, root)) {
            AtomicInteger reads = new AtomicInteger();
            Split valid = counting(TINY.dataset().split(Dataset.VALID), reads);
            Evaluator small = evaluator(2, 1000);

            small.evaluate(model, valid, root);
            int afterFirst = reads.get();
            small.evaluate(model, valid, root);

            assertThat(reads.get() - afterFirst).isEqualTo(valid.size());
        }
    }

    @Test
    void anotherSplitIsMadeForEachEvaluation() {
        try (NDManager root = NDManager.newBaseManager();
             BuiltModel model = ModelBuilder.build(TINY, root)) {
            AtomicInteger reads = new AtomicInteger();
            Split test = counting(TINY.dataset().split(Dataset.TEST), reads);
            Evaluator evaluator = evaluator(1);

            evaluator.evaluate(model, test, root);
            evaluator.evaluate(model, test, root);

            assertThat(reads.get()).isEqualTo(2 * test.size());
        }
    }

    /**
     * A lent batch's arrays belong to the borrower until it closes, so what is computed from them goes there; then they
     * are the kept batch's again, unreleased, and the next loan gives the same arrays without reading a sample.
     */
    @Test
    void aLentBatchReturnsToItsManagerWhenTheBorrowerCloses() {
        try (NDManager root = NDManager.newBaseManager()) {
            AtomicInteger reads = new AtomicInteger();
            Split valid = counting(TINY.dataset().split(Dataset.VALID), reads);
            try (KeptBatches kept = new KeptBatches(root.newSubManager(), valid, LengthOrder.of(valid), 4, 1 << 20)) {
                NDArray computed;
                NDArray frames;
                try (NDManager borrower = root.newSubManager()) {
                    Batch batch = kept.lend(0, BATCHER, borrower);
                    frames = batch.input(Modality.AUDIO).values();
                    assertThat(frames.getManager()).isSameAs(borrower);
                    computed = frames.mul(frames);
                    assertThat(computed.getManager()).isSameAs(borrower);
                }
                assertThat(computed.isReleased()).isTrue();
                assertThat(frames.isReleased()).isFalse();
                assertThat(frames.getManager().isOpen()).isTrue();
                assertThat(kept.bytes()).isGreaterThan(0);

                try (NDManager borrower = root.newSubManager()) {
                    Batch again = kept.lend(0, BATCHER, borrower);
                    assertThat(again.input(Modality.AUDIO).values()).isSameAs(frames);
                }
                assertThat(reads.get()).as("each sample's length, then batch 0's four").isEqualTo(valid.size() + 4);
            }
        }
    }

    /** A batch beyond the budget is made in the borrower, freed with it, and made again at the next loan. */
    @Test
    void aBatchBeyondTheBudgetIsNotKept() {
        try (NDManager root = NDManager.newBaseManager()) {
            AtomicInteger reads = new AtomicInteger();
            Split valid = counting(TINY.dataset().split(Dataset.VALID), reads);
            try (KeptBatches kept = new KeptBatches(root.newSubManager(), valid, LengthOrder.of(valid), 4, 100)) {
                NDArray frames;
                try (NDManager borrower = root.newSubManager()) {
                    frames = kept.lend(0, BATCHER, borrower).input(Modality.AUDIO).values();
                    assertThat(frames.getManager()).isSameAs(borrower);
                }
                assertThat(frames.isReleased()).isTrue();
                assertThat(kept.bytes()).isZero();
                try (NDManager borrower = root.newSubManager()) {
                    kept.lend(0, BATCHER, borrower);
                }
                assertThat(reads.get()).isEqualTo(valid.size() + 8);
            }
        }
    }

    private static int length(Sample sample) {
        return sample.frames().values().stream().mapToInt(Frames::length).sum();
    }

    /** {@code split} under another name: not the validation split, so evaluated in split order and not kept. */
    private static Split named(String name, Split split) {
        return new SubsetSplit(name, split, Evaluator.range(0, split.size()));
    }

    private static Evaluator evaluator(int workers) {
        return evaluator(workers, 0);
    }

    /** An evaluator of batches of up to 16 samples, with an evaluation memory budget ({@code train.eval-memory}). */
    private static Evaluator evaluator(int workers, long budgetBytes) {
        return new Evaluator(BATCHER, TINY.dataSpec().task(), TINY.metrics(), TINY.objectives(), 16, budgetBytes,
                workers, "mae", new StopRequest(), text -> { });
    }
}
