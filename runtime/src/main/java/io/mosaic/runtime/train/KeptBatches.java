package io.mosaic.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mosaic.api.data.Batch;
import io.mosaic.runtime.data.Batcher;
import io.mosaic.runtime.data.Split;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A split's evaluation batches, made once and lent to each later evaluation: a run evaluates the validation split
 * after every epoch in the same batches, and making a batch copies its samples' frames from the heap into the
 * engine's memory (12 MB for {@code mosi-like}'s 229 samples), with fresh arrays each time. The batches hold the
 * samples in order of length ({@link LengthOrder}), so that a recurrent encoder runs a batch of short samples for
 * fewer steps. The batches stay in a
 * manager of their own until {@link #close}; a lent batch's arrays belong to the borrowing evaluation's manager until
 * it closes ({@link NDArray#tempAttach}), so that what the model computes from them goes there. A batch is kept while
 * the kept batches' arrays take at most {@code budget} bytes; the others are made for each evaluation, as without
 * this. The model must only read its input arrays (the {@link Batch} contract), as it does in training.
 */
final class KeptBatches implements AutoCloseable {
    private final NDManager manager;
    private final Split split;
    private final int batchSize;
    private final long budget;
    private final List<int[]> indices;
    private final AtomicReferenceArray<Batch> batches;
    private final AtomicLong bytes = new AtomicLong();

    /**
     * @param manager   where the kept batches live; closed with this
     * @param order     the split's indices in order of length ({@link LengthOrder#of}, which reads every sample)
     * @param batchSize the samples of every batch but the last
     */
    KeptBatches(NDManager manager, Split split, int[] order, int batchSize, long budget) {
        this.manager = manager;
        this.split = split;
        this.batchSize = batchSize;
        this.budget = budget;
        this.indices = Evaluator.cut(order, batchSize);
        this.batches = new AtomicReferenceArray<>(indices.size());
    }

    /** Whether these are the batches of {@code split} cut into {@code batchSize} samples. */
    boolean holds(Split split, int batchSize) {
        return this.split == split && this.batchSize == batchSize;
    }

    /** The split's indices in each batch, in batch order; every sample in one batch. */
    List<int[]> indices() {
        return indices;
    }

    /**
     * Batch {@code index} of the split (its samples at {@link #indices()}), lent to {@code borrower}: made and kept on
     * its first call if it fits the budget, else made in {@code borrower}. One thread at a time per batch.
     */
    Batch lend(int index, Batcher batcher, NDManager borrower) {
        Batch kept = batches.get(index);
        if (kept == null) {
            Batch made = batcher.batch(split, indices.get(index), manager);
            List<NDArray> arrays = Batcher.arrays(made);
            long size = arrays.stream().mapToLong(EvaluationMemory::bytes).sum();
            if (bytes.addAndGet(size) > budget) {
                bytes.addAndGet(-size);
                arrays.forEach(array -> array.attach(borrower));
                return made;
            }
            batches.set(index, made);
            kept = made;
        }
        Batcher.arrays(kept).forEach(array -> array.tempAttach(borrower));
        return kept;
    }

    /** The bytes of the kept batches' arrays. */
    long bytes() {
        return bytes.get();
    }

    @Override
    public void close() {
        manager.close();
    }
}
