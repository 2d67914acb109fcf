package io.mosaic.api.objective;

import ai.djl.ndarray.NDArray;
import java.util.Set;

/** A loss or regulariser: a scalar computed from taps. The runtime weights and sums a step's objectives. */
public interface Objective {

    /** The taps this objective reads, so an assembly is checked against the pipeline before anything runs. */
    Set<String> taps();

    /** The views this objective reads (by default only the clean one). */
    default Set<String> views() {
        return Set.of(Views.CLEAN);
    }

    /** The loss, a scalar NDArray that carries gradients back to the taps it read. */
    NDArray loss(Views views);
}
