package io.mosaic.runtime.train;

import io.mosaic.runtime.data.Frames;
import io.mosaic.runtime.data.Split;
import java.util.Arrays;

/**
 * A split's samples in order of length, shortest first: the evaluation's batching of the validation split. A
 * recurrent encoder runs a batch up to its longest sample (gru, the LSTM encoders), so batches of samples of similar
 * lengths run fewer steps than batches drawn in split order, where nearly every batch holds a sample near the padded
 * length. A sample's length is the sum of its modalities' real steps; equal lengths keep split order, so the order is
 * the same in every run.
 */
final class LengthOrder {
    private LengthOrder() {
    }

    /** The indices of {@code split}'s samples, shortest first (reads every sample once). */
    static int[] of(Split split) {
        int size = split.size();
        long[] keyed = new long[size];
        for (int i = 0; i < size; i++) {
            long length = 0;
            for (Frames frames : split.sample(i).frames().values()) {
                length += frames.length();
            }
            keyed[i] = length << Integer.SIZE | i; // lengths are ints: sorting the pairs sorts by length, then index
        }
        Arrays.sort(keyed);
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = (int) keyed[i];
        }
        return order;
    }
}
