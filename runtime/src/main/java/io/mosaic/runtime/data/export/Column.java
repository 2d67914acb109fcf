package io.mosaic.runtime.data.export;

import io.mosaic.runtime.data.Sample;
import io.mosaic.runtime.data.npz.DType;
import io.mosaic.runtime.data.npz.NdArray;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One array of a split as it is written: a key, a NumPy type, and a row of fixed shape per sample, so that the
 * array of N samples has the shape [N, rowShape...] and its size is known before any sample is computed.
 *
 * @param key      the array's name in the split, e.g. {@code audio}
 * @param dtype    the element type
 * @param rowShape the shape of one sample's row; empty for one element per sample
 * @param writer   puts a sample's row into a little-endian buffer
 */
record Column(String key, DType dtype, int[] rowShape, RowWriter writer) {

    /** Puts the row of one sample, {@link #rowBytes()} bytes, at the buffer's position. */
    @FunctionalInterface
    interface RowWriter {
        void write(Sample sample, ByteBuffer row);
    }

    Column {
        rowShape = rowShape.clone();
        if (NdArray.sizeOf(rowShape) == 0) {
            throw new IllegalArgumentException("column '" + key + "' has an empty row " + Arrays.toString(rowShape));
        }
    }

    @Override
    public int[] rowShape() {
        return rowShape.clone();
    }

    /** The bytes of one row: the row's elements times the element size. */
    long rowBytes() {
        return NdArray.sizeOf(rowShape) * dtype.itemSize();
    }

    /** The shape of the array of {@code rows} samples: [rows, rowShape...]. */
    int[] shape(int rows) {
        int[] shape = new int[rowShape.length + 1];
        shape[0] = rows;
        System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
        return shape;
    }
}
