package io.mosaic.losses.testing;

import ai.djl.ndarray.NDManager;
import io.mosaic.api.data.Batch;
import io.mosaic.api.model.TrainingSplit;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A training split of hand-made batches. Like the runtime's, each batch lives in its own manager, closed when the
 * action returns, so a component that kept a batch's arrays would fail.
 */
public final class ListSplit implements TrainingSplit {
    private final NDManager parent;
    private final List<Function<NDManager, Batch>> batches;

    public ListSplit(NDManager parent, List<Function<NDManager, Batch>> batches) {
        this.parent = parent;
        this.batches = List.copyOf(batches);
    }

    @Override
    public int size() {
        int size = 0;
        for (Function<NDManager, Batch> batch : batches) {
            try (NDManager manager = parent.newSubManager()) {
                size += batch.apply(manager).size();
            }
        }
        return size;
    }

    @Override
    public void forEachBatch(Consumer<Batch> action) {
        for (Function<NDManager, Batch> batch : batches) {
            try (NDManager manager = parent.newSubManager()) {
                action.accept(batch.apply(manager));
            }
        }
    }
}
