package io.mosaic.runtime.train;

import ai.djl.training.ParameterStore;
import io.mosaic.api.data.Batch;
import io.mosaic.api.model.Taps;
import io.mosaic.api.objective.Views;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The views of one step: each view's batch and the taps of its forward pass, and the step's parameter store (where
 * an {@link io.mosaic.api.objective.ObjectiveModule} reads its parameters).
 */
final class StepViews implements Views {
    private final Map<String, Batch> batches = new LinkedHashMap<>();
    private final Map<String, Taps> taps = new LinkedHashMap<>();
    private final ParameterStore store;

    /** @param store the parameter store of the step's forward passes */
    StepViews(ParameterStore store) {
        this.store = store;
    }

    void add(String view, Batch batch, Taps viewTaps) {
        batches.put(view, batch);
        taps.put(view, viewTaps);
    }

    /**
     * These views as an objective set to read {@code view} sees them: {@code view} under the name
     * {@value Views#CLEAN}, every other view under its own name.
     */
    Views withCleanAs(String view) {
        StepViews aliased = new StepViews(store);
        aliased.add(CLEAN, batch(view), taps(view));
        batches.forEach((name, batch) -> {
            if (!name.equals(CLEAN)) {
                aliased.add(name, batch, taps.get(name));
            }
        });
        return aliased;
    }

    @Override
    public ParameterStore parameters() {
        return store;
    }

    @Override
    public Set<String> names() {
        return Collections.unmodifiableSet(batches.keySet());
    }

    @Override
    public Batch batch(String view) {
        return require(batches, view);
    }

    @Override
    public Taps taps(String view) {
        return require(taps, view);
    }

    private <T> T require(Map<String, T> map, String view) {
        T value = map.get(view);
        if (value == null) {
            throw new IllegalArgumentException("no view '" + view + "' in this step; views: " + batches.keySet());
        }
        return value;
    }
}
