package io.mosaic.api.objective;

import ai.djl.training.ParameterStore;
import io.mosaic.api.data.Batch;
import io.mosaic.api.model.Taps;
import java.util.Set;

/**
 * The forward passes of one training step: the same weights run on one or more views of a batch (the clean batch,
 * a batch with modalities dropped, ...), each with its own taps.
 */
public interface Views {

    /** The view every step has: the batch as loaded. */
    String CLEAN = "clean";

    Set<String> names();

    /** The batch as view {@code view} saw it. */
    Batch batch(String view);

    /** The taps of view {@code view}'s forward pass. */
    Taps taps(String view);

    /**
     * Where an {@link ObjectiveModule} reads its parameters' arrays in this step, as a module's forward pass does.
     *
     * @throws IllegalStateException when these views were made without one
     */
    default ParameterStore parameters() {
        throw new IllegalStateException("these views carry no parameter store");
    }

    default Batch clean() {
        return batch(CLEAN);
    }

    default Taps cleanTaps() {
        return taps(CLEAN);
    }

    /** The views of a step that has only the clean view, e.g. to test an objective outside the framework. */
    static Views clean(Batch batch, Taps taps) {
        return clean(batch, taps, null);
    }

    /**
     * The views of a step that has only the clean view, with the parameter store of an {@link ObjectiveModule}'s
     * parameters, e.g. to test such an objective outside the framework.
     */
    static Views clean(Batch batch, Taps taps, ParameterStore parameters) {
        return new Views() {
            @Override
            public ParameterStore parameters() {
                if (parameters == null) {
                    return Views.super.parameters();
                }
                return parameters;
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

            private void requireClean(String view) {
                if (!CLEAN.equals(view)) {
                    throw new IllegalArgumentException("this step has only the clean view, not '" + view + "'");
                }
            }
        };
    }
}
