package io.mosaic.runtime.data.npz;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one array in NumPy's {@code .npy} format: the magic {@code \x93NUMPY}, a version (1.0, 2.0 or 3.0), a
 * header length (2 bytes in version 1, 4 bytes after), a header that is a Python dict literal with {@code descr},
 * {@code fortran_order} and {@code shape}, then the elements. Only C-ordered arrays of the {@link DType} types are
 * read; object arrays are refused because NumPy stores them as a pickle.
 */
public final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 1 << 20;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {
    }

    /**
     * @param length the number of bytes the array occupies in {@code in} (header included), or -1 when unknown;
     *               when known, an array whose header promises more data is refused before anything is allocated
     * @throws IllegalArgumentException when the bytes are not an {@code .npy} array Mosaic reads, naming why
     * @throws EOFException             when the data ends early
     */
    public static NdArray read(InputStream in, long length) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IllegalArgumentException("not an .npy array: it does not start with \\x93NUMPY");
        }
        int major = in.read();
        int minor = in.read();
        if (major < 1 || major > 3 || minor != 0) {
            throw new IllegalArgumentException("unsupported .npy version " + major + "." + minor
                    + "; supported: 1.0, 2.0, 3.0");
        }
        long headerLength = major == 1 ? littleEndian(in, 2) : littleEndian(in, 4);
        long prefix = MAGIC.length + 2 + (major == 1 ? 2 : 4);
        if (headerLength > MAX_HEADER) {
            throw new IllegalArgumentException(".npy header of " + headerLength + " bytes is too long");
        }
        if (length >= 0 && prefix + headerLength > length) {
            throw new EOFException("the .npy header claims " + headerLength + " bytes, only "
                    + Math.max(0, length - prefix) + " follow");
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length < headerLength) {
            throw new EOFException("the .npy header ends early");
        }
        String header = new String(headerBytes, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        DType dtype = DType.parse(field(header, DESCR, "descr", "a type string such as '<f4' (structured dtypes "
                + "are not supported)"));
        boolean fortran = field(header, FORTRAN, "fortran_order", "True or False").equals("True");
        int[] shape = shape(field(header, SHAPE, "shape", "a tuple of dimensions"));
        if (fortran && shape.length > 1) {
            throw new IllegalArgumentException("Fortran-order array " + Arrays.toString(shape) + " is not supported; "
                    + "save it C-ordered (numpy.ascontiguousarray)");
        }
        if (dtype.kind() == DType.Kind.OBJECT) {
            throw new IllegalArgumentException("object array " + Arrays.toString(shape) + " is not read: .npy "
                    + "stores object arrays as a pickle; save strings as a unicode array (astype(str))");
        }
        long dataLength = NdArray.bytesOf(dtype, shape);
        long headerEnd = prefix + headerLength;
        if (length >= 0 && headerEnd + dataLength > length) {
            throw new EOFException("the header promises " + dataLength + " bytes of " + dtype + " data for shape "
                    + Arrays.toString(shape) + ", only " + Math.max(0, length - headerEnd) + " follow");
        }
        ByteData data = ByteData.read(in, dataLength);
        return dtype.kind() == DType.Kind.UNICODE
                ? TextArray.unicode(dtype, shape, data)
                : new NumericArray(dtype, shape, data);
    }

    private static long littleEndian(InputStream in, int bytes) throws IOException {
        byte[] b = in.readNBytes(bytes);
        if (b.length < bytes) {
            throw new EOFException("the .npy header ends early");
        }
        ByteBuffer buffer = ByteBuffer.wrap(Arrays.copyOf(b, 8)).order(ByteOrder.LITTLE_ENDIAN);
        return buffer.getLong();
    }

    private static String field(String header, Pattern pattern, String key, String expected) {
        Matcher m = pattern.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(".npy header " + header.strip() + " has no '" + key + "' that is "
                    + expected);
        }
        return m.group(1);
    }

    private static int[] shape(String dimensions) {
        String[] parts = dimensions.split(",");
        int count = 0;
        int[] shape = new int[parts.length];
        for (String part : parts) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            try {
                shape[count++] = Integer.parseInt(p.endsWith("L") ? p.substring(0, p.length() - 1) : p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(".npy shape (" + dimensions + ") has a dimension '" + p
                        + "' that is not a non-negative int");
            }
        }
        return Arrays.copyOf(shape, count);
    }
}
