package io.mosaic.losses.testing;

import ai.djl.ndarray.NDArray;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.Taps;
import io.mosaic.api.objective.Views;
import java.util.EnumMap;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/** The views of a step that only has the clean view: a batch of targets without inputs, and its taps. */
public final class CleanView implements Views {
    private final Batch batch;
    private final Taps taps;

    public CleanView(NDArray scores, NDArray labels, Taps taps) {
        int size = Math.toIntExact(scores.getShape().get(0));
        this.batch = new Batch(IntStream.range(0, size).mapToObj(i -> "s" + i).toList(),
                new EnumMap<>(Modality.class), Optional.empty(), scores, labels, labels.zerosLike());
        this.taps = taps;
    }

    @Override
    public Set<String> names() {
        return Set.of(CLEAN);
    }

    @Override
    public Batch batch(String view) {
        requireClean(view);
        return batch;
    }

    @Override
    public Taps taps(String view) {
        requireClean(view);
        return taps;
    }

    private static void requireClean(String view) {
        if (!CLEAN.equals(view)) {
            throw new IllegalArgumentException("only the clean view exists, asked for '" + view + "'");
        }
    }
}
