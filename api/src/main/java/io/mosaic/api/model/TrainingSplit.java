package io.mosaic.api.model;

import io.mosaic.api.data.Batch;
import java.util.function.Consumer;

/** The training split as {@link FitsTrainingSplit#fit} reads it: clean batches, in a fixed order. */
public interface TrainingSplit {

    /** The number of samples. */
    int size();

    /**
     * Calls {@code action} with each batch in turn. A batch's arrays are released when {@code action} returns, so
     * keep what you need as Java values or copy it into arrays of your own.
     */
    void forEachBatch(Consumer<Batch> action);
}
