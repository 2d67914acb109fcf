package io.mosaic.runtime.data.npz;

import java.util.Arrays;

/** A C-ordered NumPy array: numbers ({@link NumericArray}) or strings ({@link TextArray}). */
public sealed interface NdArray permits NumericArray, TextArray {

    DType dtype();

    /** The dimensions, outermost first (a copy). */
    int[] shape();

    /** The number of elements: the product of the dimensions. */
    long size();

    /** The type and shape in words, for error messages: {@code float32 [6, 50, 768]}. */
    default String describe() {
        return dtype() + " " + Arrays.toString(shape());
    }

    /** The product of {@code shape}'s dimensions, checking each is non-negative and the product below 2^60. */
    static long sizeOf(int[] shape) {
        long size = 1;
        for (int dimension : shape) {
            if (dimension < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            size *= dimension;
            if (size >= 1L << 60) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has too many elements");
            }
        }
        return size;
    }
}
