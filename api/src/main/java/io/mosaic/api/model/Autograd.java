package io.mosaic.api.model;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Whether autograd records what the current thread computes: on in a training step's passes, off in an evaluation.
 * The engine knows; the runtime installs its answer when it starts the engine. Until then (a component run alone, in
 * a unit test) everything counts as recorded, the safe answer: nothing is then computed in place.
 */
public final class Autograd {
    private static volatile BooleanSupplier recording = () -> true;

    private Autograd() {
    }

    /** Whether autograd records this thread's operations now. */
    public static boolean recording() {
        return recording.getAsBoolean();
    }

    /** For the runtime: {@code engine} answers {@link #recording()} from now on. */
    public static void install(BooleanSupplier engine) {
        recording = Objects.requireNonNull(engine, "engine");
    }
}
