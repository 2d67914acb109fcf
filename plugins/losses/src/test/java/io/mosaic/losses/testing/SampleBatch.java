package io.mosaic.losses.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.Features;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/** Hand-made batches with inputs, class labels and optionally token ids. */
public final class SampleBatch {
    private final NDManager manager;
    private final long[] labels;
    private final Map<Modality, Features> inputs = new EnumMap<>(Modality.class);
    private NDArray tokenIds;

    private SampleBatch(NDManager manager, long[] labels) {
        this.manager = manager;
        this.labels = labels.clone();
    }

    /** A batch of {@code labels.length} samples with these class labels. */
    public static SampleBatch labelled(NDManager manager, long... labels) {
        return new SampleBatch(manager, labels);
    }

    /** Adds {@code modality}'s frames, row-major [B, steps, width], with true lengths. */
    public SampleBatch with(Modality modality, int steps, int width, float[] frames, long... lengths) {
        inputs.put(modality, Features.sequence(
                manager.create(frames, new Shape(labels.length, steps, width)), manager.create(lengths)));
        return this;
    }

    /** Adds token ids, row-major [B, steps]. */
    public SampleBatch tokens(int steps, long... ids) {
        tokenIds = manager.create(ids, new Shape(labels.length, steps));
        return this;
    }

    public Batch build() {
        NDArray classes = manager.create(labels);
        return new Batch(IntStream.range(0, labels.length).mapToObj(i -> "s" + i).toList(), inputs,
                Optional.ofNullable(tokenIds), classes.toType(DataType.FLOAT32, false),
                classes, classes.zerosLike());
    }
}
