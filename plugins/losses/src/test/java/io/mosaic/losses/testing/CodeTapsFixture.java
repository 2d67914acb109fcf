package io.mosaic.losses.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;
import io.mosaic.api.objective.Views;

/** Hand-made sequence taps [B, T, D] with their lengths, and the views of one clean step over them. */
public final class CodeTapsFixture {
    private final NDManager manager;
    private final Taps taps = new Taps();
    private long batch = -1;

    public CodeTapsFixture(NDManager manager) {
        this.manager = manager;
    }

    /** Records {@code name} as the sequence {@code values} (row-major [B, T, D]) with {@code lengths}. */
    public CodeTapsFixture sequence(String name, int steps, int width, float[] values, long... lengths) {
        return sequence(name, manager.create(values, new Shape(lengths.length, steps, width)), lengths);
    }

    /** Records {@code name} as the sequence {@code values} [B, T, D] with {@code lengths}. */
    public CodeTapsFixture sequence(String name, NDArray values, long... lengths) {
        batch = lengths.length;
        taps.put(name, Features.sequence(values, manager.create(lengths)));
        return this;
    }

    public Taps taps() {
        return taps;
    }

    /** The views of a clean step with these taps (and a parameter store over the test's manager). */
    public Views views() {
        int size = Math.toIntExact(batch);
        NDArray zeros = manager.zeros(new Shape(size));
        return Views.clean(TargetBatch.of(zeros, zeros), taps, new ParameterStore(manager, false));
    }
}
