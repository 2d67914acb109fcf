package io.mosaic.losses.testing;

import ai.djl.ndarray.NDArray;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.Modality;
import java.util.EnumMap;
import java.util.Optional;
import java.util.stream.IntStream;

/** A batch of targets without inputs: all an objective reads from a batch. */
public final class TargetBatch {

    private TargetBatch() {
    }

    public static Batch of(NDArray scores, NDArray labels) {
        int size = Math.toIntExact(scores.getShape().get(0));
        return new Batch(IntStream.range(0, size).mapToObj(i -> "s" + i).toList(), new EnumMap<>(Modality.class),
                Optional.empty(), scores, labels, labels.zerosLike());
    }
}
