package io.mosaic.api.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Releases a computation's temporaries when it returns, as PyTorch frees a tensor when its last reference goes: the
 * arrays the computation creates, except those it returns and the taps it records, are closed at once instead of
 * living until the step's (or the evaluation batch's) manager closes. Autograd keeps what backward needs, so a
 * released temporary costs nothing to the gradients. The runtime runs every component's forward pass and every
 * objective this way; a component wraps its own repeated parts (a Transformer's layers) to free each layer's
 * intermediates before the next layer runs.
 *
 * <p>A computation must not keep an array it creates anywhere but in its result or a tap (a field, a cache of the
 * module): that array would be closed too.
 */
public final class Temporaries {
    /** Told just before a released computation's temporaries close, on this thread; null when nobody observes. */
    private static final ThreadLocal<Runnable> BEFORE_RELEASE = new ThreadLocal<>();

    private Temporaries() {
    }

    /**
     * Runs {@code work}, telling {@code observer} each time a released computation inside it is about to close its
     * temporaries, while they are all still held: the moments an evaluation's arrays peak. The runtime measures an
     * evaluation batch's memory this way ({@code train.eval-memory}).
     */
    public static void observingReleases(Runnable observer, Runnable work) {
        Runnable outer = BEFORE_RELEASE.get();
        BEFORE_RELEASE.set(observer);
        try {
            work.run();
        } finally {
            BEFORE_RELEASE.set(outer);
        }
    }

    /** The array {@code computation} returns; everything else it created is released. */
    public static NDArray released(Supplier<NDArray> computation) {
        return released(computation, List::of);
    }

    /**
     * The result of {@code computation}; everything it created is released, except the arrays {@code kept} names in
     * the result.
     */
    public static <T> T released(Supplier<T> computation, Function<T, List<NDArray>> kept) {
        try (NDScope temporaries = new NDScope()) {
            T result = computation.get();
            Runnable observer = BEFORE_RELEASE.get();
            if (observer != null) {
                observer.run();
            }
            if (result != null) {
                kept.apply(result).forEach(NDScope::unregister);
            }
            return result;
        }
    }

    /**
     * {@code temporary · other} (broadcast to {@code temporary}'s shape), consuming {@code temporary}: written into it
     * when autograd does not record (an evaluation, see {@link Autograd}), so that no second array of its size exists,
     * or else a new array, {@code temporary} being closed (autograd keeps what backward needs). For the [B, h, T, T] arrays of
     * attention, whose copies make most of an evaluation's peak. The caller must own {@code temporary} and not read it
     * afterwards.
     */
    public static NDArray times(NDArray temporary, NDArray other) {
        return consuming(temporary, temporary::mul, temporary::muli, other);
    }

    /** {@code temporary + other}, consuming {@code temporary} as {@link #times} does. */
    public static NDArray plus(NDArray temporary, NDArray other) {
        return consuming(temporary, temporary::add, temporary::addi, other);
    }

    private static NDArray consuming(NDArray temporary, UnaryOperator<NDArray> fresh, UnaryOperator<NDArray> inPlace,
                                     NDArray other) {
        if (!Autograd.recording()) {
            return inPlace.apply(other);
        }
        NDArray result = fresh.apply(other);
        temporary.close();
        return result;
    }

    /** The arrays of {@code features}: its values, and its lengths when it is a sequence. */
    public static List<NDArray> of(Features features) {
        return features.isSequence() ? List.of(features.values(), features.lengths()) : List.of(features.values());
    }
}
