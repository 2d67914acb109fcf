package io.mosaic.runtime.data.npz;

import java.util.Arrays;

/**
 * A numeric array that reads its elements from the file's own bytes on demand: loading keeps one copy of the data
 * (the bytes as stored, float64 included) and converts only what a caller asks for.
 */
public final class NumericArray implements NdArray {
    private final DType dtype;
    private final int[] shape;
    private final long size;
    private final ByteData data;

    /**
     * @throws IllegalArgumentException when {@code dtype} is not numeric or {@code data} does not hold exactly the
     *                                  elements of {@code shape}
     */
    public NumericArray(DType dtype, int[] shape, ByteData data) {
        if (!dtype.isNumeric()) {
            throw new IllegalArgumentException("a numeric array cannot hold " + dtype);
        }
        this.dtype = dtype;
        this.shape = shape.clone();
        this.size = NdArray.sizeOf(shape);
        long bytes = NdArray.bytesOf(dtype, shape);
        if (data.length() != bytes) {
            throw new IllegalArgumentException(dtype + " array of shape " + Arrays.toString(shape) + " needs "
                    + bytes + " bytes, found " + data.length());
        }
        this.data = data;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public long size() {
        return size;
    }

    public int rank() {
        return shape.length;
    }

    public int dimension(int axis) {
        return shape[axis];
    }

    /** The element at C-order position {@code index}, as a double (booleans are 0 and 1). */
    public double get(long index) {
        checkRange(index, 1);
        long position = index * dtype.itemSize();
        return switch (dtype.kind()) {
            case BOOL -> data.get(position) != 0 ? 1 : 0;
            case INT -> dtype.itemSize() == 4 ? data.getInt(position) : (double) data.getLong(position);
            case FLOAT -> dtype.itemSize() == 4 ? data.getFloat(position) : data.getDouble(position);
            default -> throw new IllegalStateException(dtype + " is not numeric");
        };
    }

    /** Copies {@code count} elements from C-order position {@code index} into {@code target}, as float32. */
    public void copyTo(long index, float[] target, int at, int count) {
        checkRange(index, count);
        if (dtype.equals(DType.FLOAT32)) {
            data.getFloats(index * 4, target, at, count);
            return;
        }
        for (int i = 0; i < count; i++) {
            target[at + i] = (float) get(index + i);
        }
    }

    private void checkRange(long index, long count) {
        if (index < 0 || count < 0 || index + count > size) {
            throw new IndexOutOfBoundsException("elements [" + index + ", " + (index + count) + ") are outside [0, "
                    + size + ")");
        }
    }
}
