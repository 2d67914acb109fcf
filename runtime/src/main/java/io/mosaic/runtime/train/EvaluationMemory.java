package io.mosaic.runtime.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.mosaic.api.model.Temporaries;

/**
 * The evaluation batch size that keeps an evaluation's arrays within a memory budget ({@code train.eval-memory}).
 * The most bytes of arrays a batch's manager holds at once (measured where they peak: as each released computation is
 * about to close its temporaries, see {@link Temporaries#observingReleases}, and at the end) are measured at two
 * small probe sizes and taken as a line, bytes(n) = a + b n: a is what every batch holds whatever its size (tables
 * built from parameters), b what each sample adds. The measure counts array sizes, not the machine's memory, so the
 * same assembly and data give the same batch size on any machine, and so the same numbers.
 */
record EvaluationMemory(long fixedBytes, long bytesPerSample) {
    /** The two probe batch sizes. */
    static final int SMALL_PROBE = 4;
    static final int LARGE_PROBE = 8;

    /** The line through the bytes measured at {@link #SMALL_PROBE} and {@link #LARGE_PROBE} samples. */
    static EvaluationMemory fromProbes(long smallBytes, long largeBytes) {
        long perSample = Math.max(0, Math.floorDiv(largeBytes - smallBytes, LARGE_PROBE - SMALL_PROBE));
        return new EvaluationMemory(Math.max(0, smallBytes - perSample * SMALL_PROBE), perSample);
    }

    /**
     * The largest batch of at most {@code evalBatch} samples whose arrays fit {@code budgetBytes}, and at least one.
     */
    int batchSize(long budgetBytes, int evalBatch) {
        if (bytesPerSample == 0) {
            return evalBatch;
        }
        long fits = (budgetBytes - fixedBytes) / bytesPerSample;
        return (int) Math.max(1, Math.min(evalBatch, fits));
    }

    /** The most bytes of arrays {@code manager} holds at once while {@code work} runs, and after it. */
    static long peakBytes(NDManager manager, Runnable work) {
        long[] peak = {0};
        Runnable measure = () -> peak[0] = Math.max(peak[0], heldBytes(manager));
        Temporaries.observingReleases(measure, work);
        measure.run();
        return peak[0];
    }

    /** The bytes of the arrays {@code manager} and its sub-managers hold (a view counts as its own array). */
    static long heldBytes(NDManager manager) {
        long bytes = 0;
        for (NDArray array : manager.getManagedArrays()) {
            bytes += bytes(array);
        }
        return bytes;
    }

    /** The bytes of {@code array}'s elements. */
    static long bytes(NDArray array) {
        return array.size() * array.getDataType().getNumOfBytes();
    }
}
