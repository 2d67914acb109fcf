package io.mosaic.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Taps;
import io.mosaic.api.model.Temporaries;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Attributes to one component what goes wrong in its forward pass: an exception or error its code throws, a result
 * whose shape is not the one it declared, and, while a pass is diagnosed, NaN or infinity it produces from finite
 * inputs (in its result or in a tap it records). The checks of a healthy pass read shapes only, which needs no
 * device synchronisation.
 *
 * <p>A component's forward pass releases its temporaries when it returns ({@link Temporaries}).
 */
final class ForwardGuard {
    private final PlacedComponent component;
    private final ForwardChecks checks;

    ForwardGuard(PlacedComponent component, ForwardChecks checks) {
        this.component = component;
        this.checks = checks;
    }

    /** The shape of a batch of {@code batch} features of {@code shape}: [B, T, D] or [B, D]. */
    static Shape batched(FeatureShape shape, long batch) {
        return shape.isSequence() ? new Shape(batch, shape.steps(), shape.dim()) : new Shape(batch, shape.dim());
    }

    /** Where the taps of a pass start: the finiteness check reads the taps recorded after this mark. */
    int mark(Taps taps) {
        return taps.names().size();
    }

    /**
     * Runs the component's {@code forward}, blaming on it what it throws; a {@code null} result is a failure too. What
     * it creates is released when it returns (see {@link Temporaries}), except the arrays {@code outputs} names in its
     * result and its taps.
     */
    <T> T call(Supplier<T> forward, Function<T, List<NDArray>> outputs) {
        T result = Temporaries.released(() -> component.attributing("forward", forward), outputs);
        if (result == null) {
            throw failure("returned null from forward");
        }
        return result;
    }

    /** Runs the component's {@code forward}, which returns nothing, blaming on it what it throws. */
    void run(Runnable forward) {
        component.attributing("forward", () -> {
            forward.run();
            return Boolean.TRUE;
        });
    }

    /**
     * Fails unless {@code array} has the shape {@code expected}.
     *
     * @param what     how the component produced the array, before {@code a wrong shape}
     * @param declared what {@code expected} comes from, after {@code for}
     */
    void expectShape(String what, NDArray array, Shape expected, String declared) {
        Shape found = array.getShape();
        if (!found.equals(expected)) {
            throw failure(what + " a wrong shape in forward: expected " + expected + " for " + declared + ", found "
                    + found);
        }
    }

    /**
     * While a pass is diagnosed, fails if {@code inputs} are finite but {@code results} or the taps recorded since
     * {@code mark} are not; with non-finite inputs, the NaN came from upstream and is not this component's.
     */
    void expectFinite(List<NDArray> inputs, List<NDArray> results, Taps taps, int mark) {
        if (!checks.finite() || inputs.stream().anyMatch(input -> nonFinite(input).isPresent())) {
            return;
        }
        for (NDArray result : results) {
            Optional<String> value = nonFinite(result);
            if (value.isPresent()) {
                throw failure("produced " + value.get() + " from finite inputs in forward");
            }
        }
        List<String> names = List.copyOf(taps.names());
        for (String name : names.subList(mark, names.size())) {
            Optional<String> value = nonFinite(taps.get(name));
            if (value.isPresent()) {
                throw failure("produced " + value.get() + " from finite inputs in forward, in tap '" + name + "'");
            }
        }
    }

    ComponentFailureException failure(String failure) {
        return new ComponentFailureException(component, failure, null);
    }

    /** {@code NaN} or {@code infinity} when {@code array} holds one (NaN first), empty when it is finite. */
    private static Optional<String> nonFinite(NDArray array) {
        if (!array.getDataType().isFloating()) {
            return Optional.empty();
        }
        if (array.isNaN().any().getBoolean()) {
            return Optional.of("NaN");
        }
        return array.isInfinite().any().getBoolean() ? Optional.of("infinity") : Optional.empty();
    }
}
