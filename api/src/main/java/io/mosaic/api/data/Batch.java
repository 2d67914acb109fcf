package io.mosaic.api.data;

import ai.djl.ndarray.NDArray;
import io.mosaic.api.model.Features;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A batch of samples as tensors. The runtime owns the arrays (they live in a batch-scoped manager that is closed
 * after the step), so components must not keep references to them, nor write into them: an evaluation may be lent
 * the arrays the previous one read.
 *
 * @param ids      the samples' ids, in batch order
 * @param inputs   per modality, padded frames [B, T, D] with true lengths [B] (int64)
 * @param tokenIds text token ids [B, T] (int64) aligned with the text frames, if the data has them
 * @param scores   sentiment scores [B] (float32)
 * @param labels   the task's targets: class ids [B] (int64) for classification, the scores for regression
 * @param domains  domain ids [B] (int64)
 */
public record Batch(List<String> ids, Map<Modality, Features> inputs, Optional<NDArray> tokenIds, NDArray scores,
                    NDArray labels, NDArray domains) {

    public Batch {
        ids = List.copyOf(ids);
        inputs = Map.copyOf(new EnumMap<>(inputs));
        Objects.requireNonNull(tokenIds, "tokenIds");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(domains, "domains");
    }

    public int size() {
        return ids.size();
    }

    /** The frames of {@code modality}. */
    public Features input(Modality modality) {
        Features features = inputs.get(modality);
        if (features == null) {
            throw new IllegalArgumentException("the batch has no " + modality.id() + " modality");
        }
        return features;
    }
}
