package io.mosaic.runtime.data.npz;

import java.util.Arrays;
import java.util.List;

/** An array of strings: a NumPy unicode ({@code <U n}) array, or an object array whose elements are all str. */
public final class TextArray implements NdArray {
    private final DType dtype;
    private final int[] shape;
    private final String[] values;

    private TextArray(DType dtype, int[] shape, String[] values) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.values = values;
    }

    /**
     * Decodes a unicode array: each element is {@code itemSize / 4} little-endian UCS-4 code points, padded with
     * NULs that NumPy strips when it reads the element.
     */
    public static TextArray unicode(DType dtype, int[] shape, ByteData data) {
        long size = NdArray.sizeOf(shape);
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a text array of " + size + " strings is too large");
        }
        long bytes = NdArray.bytesOf(dtype, shape);
        if (dtype.kind() != DType.Kind.UNICODE || data.length() != bytes) {
            throw new IllegalArgumentException(dtype + " array of shape " + Arrays.toString(shape) + " needs "
                    + bytes + " bytes of unicode, found " + data.length() + " bytes");
        }
        int width = dtype.itemSize() / 4;
        String[] values = new String[(int) size];
        for (int i = 0; i < values.length; i++) {
            values[i] = decode(data, (long) i * dtype.itemSize(), width);
        }
        return new TextArray(dtype, shape, values);
    }

    /** An object array's elements, which must all be strings. */
    public static TextArray objects(int[] shape, List<?> elements) {
        long size = NdArray.sizeOf(shape);
        if (elements.size() != size) {
            throw new IllegalArgumentException("object array of shape " + Arrays.toString(shape) + " needs " + size
                    + " elements, found " + elements.size());
        }
        String[] values = new String[elements.size()];
        for (int i = 0; i < values.length; i++) {
            if (!(elements.get(i) instanceof String s)) {
                throw new IllegalArgumentException("object array element " + i + " is "
                        + PythonTypes.of(elements.get(i)) + "; only str elements are read");
            }
            values[i] = s;
        }
        return new TextArray(DType.OBJECT, shape, values);
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
        return values.length;
    }

    /** The string at C-order position {@code index}. */
    public String get(int index) {
        return values[index];
    }

    private static String decode(ByteData data, long position, int width) {
        int end = width;
        while (end > 0 && data.getInt(position + 4L * (end - 1)) == 0) {
            end--;
        }
        StringBuilder text = new StringBuilder(end);
        for (int c = 0; c < end; c++) {
            int codePoint = data.getInt(position + 4L * c);
            if (!Character.isValidCodePoint(codePoint)) {
                throw new IllegalArgumentException("unicode array holds an invalid code point 0x"
                        + Integer.toHexString(codePoint));
            }
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }
}
