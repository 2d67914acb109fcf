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

    /**
     * The product of {@code shape}'s dimensions, in overflow-checked arithmetic: each dimension must be non-negative
     * and the product below 2^60 (no real array comes near; a hostile header that does is refused, never wrapped).
     */
    static long sizeOf(int[] shape) {
        long size = 1;
        for (int dimension : shape) {
            if (dimension < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            // An overflow of 64 bits is a count beyond 2^60 as well.
            try {
                size = Math.multiplyExact(size, dimension);
            } catch (ArithmeticException e) {
                size = Long.MAX_VALUE;
            }
            if (size >= 1L << 60) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " claims more than 2^60 "
                        + "elements");
            }
        }
        return size;
    }

    /** The bytes an array of {@code dtype} and {@code shape} holds: its element count times the item size. */
    static long bytesOf(DType dtype, int[] shape) {
        long size = sizeOf(shape);
        try {
            return Math.multiplyExact(size, (long) dtype.itemSize());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(dtype + " array of shape " + Arrays.toString(shape) + " claims more "
                    + "than 2^63 bytes", e);
        }
    }
}
