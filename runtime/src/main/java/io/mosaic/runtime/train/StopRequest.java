package io.mosaic.runtime.train;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A request that a run stop at its next step boundary, and why: training checks it between steps and evaluation
 * between batches, so that a run is never torn down while its thread is inside the engine's native code. A stop
 * request may also follow another source (a serve job's cancellation), which it reads at every check.
 */
public final class StopRequest {
    private final AtomicReference<String> reason = new AtomicReference<>();
    private final Supplier<Optional<String>> also;

    /** A request that nothing but {@link #request} sets. */
    public StopRequest() {
        this(Optional::empty);
    }

    /** A request that is also set while {@code also} gives a reason. */
    public StopRequest(Supplier<Optional<String>> also) {
        this.also = also;
    }

    /** Asks the run to stop; the first reason given is kept. */
    public void request(String why) {
        reason.compareAndSet(null, why);
    }

    /** Why the run should stop, if it should. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason.get()).or(also);
    }

    /**
     * Ends the run here, at a step boundary, if it was asked to stop.
     *
     * @param where where the run is, for the message: {@code epoch 2, batch 3}
     * @throws RunStoppedException when a stop was requested
     */
    public void check(Supplier<String> where) {
        Optional<String> why = reason();
        if (why.isPresent()) {
            throw RunStoppedException.at(why.get(), where.get());
        }
    }
}
