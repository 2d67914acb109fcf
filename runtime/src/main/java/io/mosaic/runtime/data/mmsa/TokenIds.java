package io.mosaic.runtime.data.mmsa;

import io.mosaic.runtime.data.npz.NumericArray;

/**
 * The token ids of a split, read from {@code text_bert} row 0 ([N, 3, L]) or {@code token_ids} ([N, L]).
 *
 * @param array   the array holding them
 * @param stride  elements per sample in {@code array} (3L or L)
 * @param steps   L, the ids per sample
 * @param largest the largest id of the split
 */
record TokenIds(NumericArray array, int stride, int steps, int largest) {

    /** The ids of sample {@code row}. */
    int[] row(int row) {
        int[] ids = new int[steps];
        long start = (long) row * stride;
        for (int t = 0; t < steps; t++) {
            ids[t] = (int) array.get(start + t);
        }
        return ids;
    }
}
