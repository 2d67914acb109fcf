package io.mosaic.runtime.data.export;

import io.mosaic.runtime.data.npz.DType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The header of an {@code .npy} array as {@code numpy.save} writes it: the magic {@code \x93NUMPY}, the version, the
 * header's length, and the header, a dict literal such as {@code {'descr': '<f4', 'fortran_order': False, 'shape':
 * (2, 3), }} padded with 1 to 64 spaces and ended by a newline so that the data starts at a multiple of 64 bytes,
 * byte for byte as NumPy pads it. Version 1.0 has a 2-byte length; a header too long for it takes version 2.0 and a
 * 4-byte length.
 */
final class NpyHeader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGNMENT = 64;

    private NpyHeader() {
    }

    /** The header bytes of a C-ordered array of {@code dtype} and {@code shape}. */
    static byte[] of(DType dtype, int[] shape) {
        String dict = "{'descr': '" + NumpyCodes.descr(dtype) + "', 'fortran_order': False, 'shape': "
                + shapeText(shape) + ", }";
        int version = 1;
        int headerLength = padded(MAGIC.length + 4, dict.length());
        if (headerLength > 0xFFFF) {
            version = 2;
            headerLength = padded(MAGIC.length + 6, dict.length());
        }
        Framing header = new Framing().bytes(MAGIC).u8(version).u8(0);
        if (version == 1) {
            header.u16(headerLength);
        } else {
            header.u32(headerLength);
        }
        String text = dict + " ".repeat(headerLength - dict.length() - 1) + "\n";
        return header.bytes(text.getBytes(StandardCharsets.ISO_8859_1)).take();
    }

    /**
     * The length of the dict with its padding and newline: NumPy's {@code _wrap_header} pads with
     * 64 − (preamble + dict + 1) mod 64 spaces, so that preamble + length is a multiple of 64.
     */
    private static int padded(int preamble, int dictLength) {
        int unpadded = dictLength + 1;
        return unpadded + ALIGNMENT - (preamble + unpadded) % ALIGNMENT;
    }

    /** Python's tuple literal: {@code ()}, {@code (5,)}, {@code (5, 3)}. */
    private static String shapeText(int[] shape) {
        String dims = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        return "(" + dims + (shape.length == 1 ? ",)" : ")");
    }
}
