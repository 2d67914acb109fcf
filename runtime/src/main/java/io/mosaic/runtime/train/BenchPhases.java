package io.mosaic.runtime.train;

/**
 * What runs around each measured phase of a benchmark ({@link Trainer#benchmark}): the timed training steps, together,
 * as {@link #TRAIN}, and the evaluations of the validation split, together, as {@link #EVALUATE}. The warm-up steps
 * and the building of the model are outside both. {@code mosaic bench --profile} records libtorch's profiler around
 * them.
 */
@FunctionalInterface
public interface BenchPhases {
    String TRAIN = "train";
    String EVALUATE = "evaluate";

    /** Nothing around the phases. */
    BenchPhases NONE = (phase, work) -> work.run();

    /** Runs {@code work}, the phase named {@code phase}, on the calling thread. */
    void around(String phase, Runnable work);
}
