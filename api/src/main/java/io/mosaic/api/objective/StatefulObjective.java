package io.mosaic.api.objective;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.mosaic.api.model.TrainingSplit;
import java.util.Optional;

/**
 * An objective that keeps state over the training split between steps: a memory of generated labels or of features,
 * keyed by sample id. The state never trains and is never computed from validation or test data; the runtime
 * <ol>
 *   <li>calls {@link #fit} once, on the training split, before the first training step;</li>
 *   <li>calls {@link #update} after the backward pass of every training step that applies the objective, and of no
 *       other pass (validation, test, a benchmark's evaluation);</li>
 *   <li>saves {@link #state} in every checkpoint and, on resume, {@link #restore}s it after {@link #fit}, so that a
 *       resumed run continues with the numbers it would have produced;</li>
 *   <li>after every epoch, writes {@link #published} to {@code runs/<run>/objectives/<name>/epoch-NNN.csv}.</li>
 * </ol>
 * {@link #loss} reads the state as it was before this step's {@link #update}.
 */
public interface StatefulObjective extends Objective {

    /** Sets the initial state from the training split (the sample ids are its keys). */
    void fit(TrainingSplit split);

    /**
     * Moves the state on after a training step. The batch's sample ids are {@code views.clean().ids()}. Gradient
     * recording is over: the taps read here are plain values. Arrays made here are released with the step, so keep
     * the state as Java values or write into arrays of your own in place.
     *
     * @param views the step's views, as {@link #loss} saw them
     * @param epoch the epoch of the step, counted from 1 over the whole run
     */
    void update(Views views, int epoch);

    /** The state as arrays created in {@code manager} (the caller encodes and closes them). */
    NDList state(NDManager manager);

    /**
     * Replaces the state with {@code state}, arrays as {@link #state} returned them; copy what you keep, the caller
     * closes them.
     *
     * @throws IllegalArgumentException when the arrays are not this objective's state for this training split
     */
    void restore(NDList state);

    /** The per-sample table the run writes after each epoch (generated labels, say), if the objective has one. */
    default Optional<SampleTable> published() {
        return Optional.empty();
    }
}
