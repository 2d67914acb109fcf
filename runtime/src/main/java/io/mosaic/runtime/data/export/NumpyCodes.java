package io.mosaic.runtime.data.export;

import io.mosaic.runtime.data.npz.DType;

/** How NumPy names the element types the writers use: the type code and its byte order. */
final class NumpyCodes {

    private NumpyCodes() {
    }

    /** The type code {@code numpy.dtype} takes: {@code f4}, {@code f8}, {@code i4}, {@code i8} or {@code U<n>}. */
    static String code(DType dtype) {
        return switch (dtype.kind()) {
            case FLOAT -> "f" + dtype.itemSize();
            case INT -> "i" + dtype.itemSize();
            case UNICODE -> "U" + dtype.itemSize() / 4;
            default -> throw new IllegalArgumentException("writing " + dtype + " arrays is not supported");
        };
    }

    /** The type string of an {@code .npy} header, little-endian: {@code <f4}, {@code <U16}. */
    static String descr(DType dtype) {
        return "<" + code(dtype);
    }
}
