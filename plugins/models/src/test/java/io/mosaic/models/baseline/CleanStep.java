package io.mosaic.models.baseline;

import io.mosaic.api.data.Batch;
import io.mosaic.api.model.Taps;
import io.mosaic.api.objective.Views;
import java.util.Set;

/** A training step that has the clean view only. */
record CleanStep(Batch batch, Taps taps) implements Views {

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
