package io.mosaic.losses.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;
import io.mosaic.api.objective.Views;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/** The views of a step with the clean view and one corrupted view, for objectives that compare views. */
public final class TwoViews implements Views {
    /** The corrupted view's name. */
    public static final String MISSING = "missing";

    private final Map<String, Batch> batches = new LinkedHashMap<>();
    private final Map<String, Taps> taps = new LinkedHashMap<>();

    public TwoViews(Batch clean, Taps cleanTaps, Batch missing, Taps missingTaps) {
        batches.put(CLEAN, clean);
        batches.put(MISSING, missing);
        taps.put(CLEAN, cleanTaps);
        taps.put(MISSING, missingTaps);
    }

    /** Both views over a batch of {@code size} samples without inputs: for objectives that read only taps. */
    public static TwoViews ofTaps(NDManager manager, int size, Taps cleanTaps, Taps missingTaps) {
        Batch batch = TargetBatch.of(manager.zeros(new Shape(size)), manager.zeros(new Shape(size)));
        return new TwoViews(batch, cleanTaps, batch, missingTaps);
    }

    /** A batch whose only content is the full-length sequences {@code inputs}, each [B, T, D]. */
    public static Batch batchOf(Map<Modality, NDArray> inputs) {
        NDArray first = inputs.values().iterator().next();
        NDManager manager = first.getManager();
        int size = Math.toIntExact(first.getShape().get(0));
        Map<Modality, Features> features = new EnumMap<>(Modality.class);
        inputs.forEach((modality, values) -> {
            long steps = values.getShape().get(1);
            features.put(modality, Features.sequence(values, manager.full(new Shape(size), steps, DataType.INT64)));
        });
        NDArray scores = manager.zeros(new Shape(size));
        return new Batch(IntStream.range(0, size).mapToObj(i -> "s" + i).toList(), features, Optional.empty(),
                scores, scores, scores);
    }

    @Override
    public Set<String> names() {
        return batches.keySet();
    }

    @Override
    public Batch batch(String view) {
        return known(batches, view);
    }

    @Override
    public Taps taps(String view) {
        return known(taps, view);
    }

    private static <T> T known(Map<String, T> byView, String view) {
        T value = byView.get(view);
        if (value == null) {
            throw new IllegalArgumentException("this step has views " + byView.keySet() + ", not '" + view + "'");
        }
        return value;
    }
}
