package io.mosaic.runtime.protocols;

import ai.djl.ndarray.NDArray;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.Modality;
import java.util.EnumMap;
import java.util.Map;

/**
 * A batch after a protocol's masks were applied, and where.
 *
 * @param batch   the corrupted batch: removed text tokens are [UNK], removed frames are zero
 * @param removed per modality of the batch, [B, T] float32 with 1 at the removed positions and 0 elsewhere
 */
public record CorruptedBatch(Batch batch, Map<Modality, NDArray> removed) {

    public CorruptedBatch {
        removed = Map.copyOf(new EnumMap<>(removed));
        if (!removed.keySet().equals(batch.inputs().keySet())) {
            throw new IllegalArgumentException("the removed positions name " + removed.keySet()
                    + ", the batch has " + batch.inputs().keySet());
        }
    }

    /** The [B, T] removed positions of {@code modality}. */
    public NDArray removed(Modality modality) {
        NDArray positions = removed.get(modality);
        if (positions == null) {
            throw new IllegalArgumentException("the batch has no " + modality.id() + " modality");
        }
        return positions;
    }
}
