package io.mosaic.runtime.data.pickle;

import io.mosaic.runtime.data.npz.ByteData;
import io.mosaic.runtime.data.npz.DType;
import io.mosaic.runtime.data.npz.NdArray;
import io.mosaic.runtime.data.npz.NumericArray;
import io.mosaic.runtime.data.npz.PythonTypes;
import io.mosaic.runtime.data.npz.TextArray;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The only globals a data pickle may name, and what each does in Java. These are the globals NumPy's own pickling
 * uses, under NumPy 1.x ({@code numpy.core}) and 2.x ({@code numpy._core}) module paths:
 * <ul>
 *   <li>{@code numpy.dtype(code, align, copy)} then BUILD with its state {@code (3, byteorder, subarray, names,
 *       fields, elsize, alignment, flags)}: a {@link DType};</li>
 *   <li>{@code _reconstruct(numpy.ndarray, (0,), b'b')} then BUILD with {@code (1, shape, dtype, is_fortran,
 *       data)} (protocols 2 to 4; data is the bytes, or a list for object arrays): an {@link NdArray};</li>
 *   <li>{@code _frombuffer(buffer, dtype, shape, order)} (protocol 5): an {@link NdArray};</li>
 *   <li>{@code scalar(dtype, bytes)}: a numpy scalar as {@link Double}, {@link Long}, {@link Boolean} or
 *       {@link String};</li>
 *   <li>{@code _codecs.encode(text, 'latin1')}: how protocol 2 writes bytes;</li>
 *   <li>{@code numpy.ndarray}: only as {@code _reconstruct}'s first argument.</li>
 * </ul>
 */
final class NumpyGlobals {
    static final String NDARRAY = "numpy.ndarray";

    /** The allowed globals by qualified name. */
    static final Map<String, PickleCallable> ALLOWED = Map.of(
            "numpy.core.multiarray._reconstruct", NumpyGlobals::reconstruct,
            "numpy._core.multiarray._reconstruct", NumpyGlobals::reconstruct,
            "numpy.core.multiarray.scalar", NumpyGlobals::scalar,
            "numpy._core.multiarray.scalar", NumpyGlobals::scalar,
            "numpy.core.numeric._frombuffer", NumpyGlobals::fromBuffer,
            "numpy._core.numeric._frombuffer", NumpyGlobals::fromBuffer,
            "numpy.dtype", PendingDType::new,
            NDARRAY, NumpyGlobals::refuseCall,
            "_codecs.encode", NumpyGlobals::latin1);

    private NumpyGlobals() {
    }

    private static Object reconstruct(List<Object> args) {
        Arguments a = Arguments.of("_reconstruct's arguments", args, 3);
        if (!(a.get(0) instanceof PickleGlobal type) || !type.name().equals(NDARRAY)) {
            throw new IllegalArgumentException("only numpy.ndarray is reconstructed, not " + PythonTypes.of(a.get(0)));
        }
        return new PendingArray();
    }

    private static Object fromBuffer(List<Object> args) {
        Arguments a = Arguments.of("_frombuffer's arguments", args, 4);
        ByteData buffer = a.get(0, ByteData.class, "the array's bytes");
        DType dtype = a.dtype(1);
        int[] shape = a.shape(2);
        String order = a.string(3);
        requireCOrder(order.equals("F"), shape);
        return array(dtype, shape, buffer);
    }

    private static Object scalar(List<Object> args) {
        Arguments a = Arguments.of("scalar's arguments", args, 2);
        DType dtype = a.dtype(0);
        if (!dtype.isNumeric() && dtype.kind() != DType.Kind.UNICODE) {
            throw new IllegalArgumentException("a numpy scalar of " + dtype + " is not read");
        }
        ByteData bytes = a.get(1, ByteData.class, "the scalar's bytes");
        NdArray value = array(dtype, new int[0], bytes);
        return switch (dtype.kind()) {
            case UNICODE -> ((TextArray) value).get(0);
            case BOOL -> bytes.get(0) != 0;
            case INT -> dtype.itemSize() == 4 ? (long) bytes.getInt(0) : bytes.getLong(0);
            default -> ((NumericArray) value).get(0);
        };
    }

    private static Object latin1(List<Object> args) {
        Arguments a = Arguments.of("_codecs.encode's arguments", args, 2);
        String text = a.string(0);
        String encoding = a.string(1);
        if (!encoding.equals("latin1") && !encoding.equals("latin-1")) {
            throw new IllegalArgumentException("only the latin1 encoding is accepted, not '" + encoding + "'");
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                throw new IllegalArgumentException("character " + i + " is outside latin1");
            }
        }
        return ByteData.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Object refuseCall(List<Object> args) {
        throw new IllegalArgumentException("numpy.ndarray is only accepted as _reconstruct's first argument");
    }

    /** The array of {@code dtype} and {@code shape} whose elements are {@code data}. */
    static NdArray array(DType dtype, int[] shape, ByteData data) {
        if (dtype.kind() == DType.Kind.OBJECT) {
            throw new IllegalArgumentException("an object array " + Arrays.toString(shape) + " must hold a list");
        }
        return dtype.kind() == DType.Kind.UNICODE
                ? TextArray.unicode(dtype, shape, data)
                : new NumericArray(dtype, shape, data);
    }

    /** Refuses Fortran-ordered data, which only differs from C order beyond one dimension. */
    static void requireCOrder(boolean fortran, int[] shape) {
        if (fortran && shape.length > 1) {
            throw new IllegalArgumentException("Fortran-order array " + Arrays.toString(shape) + " is not supported; "
                    + "pickle it C-ordered (numpy.ascontiguousarray)");
        }
    }

    /** {@code numpy.dtype(code, align, copy)}, completed by its BUILD state. */
    private static final class PendingDType implements Buildable {
        private final String code;
        private DType dtype;

        PendingDType(List<Object> args) {
            this.code = Arguments.of("numpy.dtype's arguments", args, 3).string(0);
        }

        @Override
        public void setState(Object state) {
            Arguments s = Arguments.of("numpy.dtype's state", state, 8, 9);
            String byteOrder = s.string(1);
            s.requireNone(2, "sub-array dtypes");
            s.requireNone(3, "structured dtypes");
            s.requireNone(4, "structured dtypes");
            if (byteOrder.length() != 1) {
                throw new IllegalArgumentException("numpy.dtype's byte order must be one character, found '"
                        + byteOrder + "'");
            }
            dtype = DType.of(byteOrder.charAt(0), code);
        }

        @Override
        public Object built() {
            if (dtype == null) {
                throw new IllegalArgumentException("numpy.dtype('" + code + "') is used before its state is set");
            }
            return dtype;
        }
    }

    /** {@code _reconstruct(numpy.ndarray, ...)}, completed by the array's BUILD state. */
    private static final class PendingArray implements Buildable {
        private NdArray array;

        @Override
        public void setState(Object state) {
            Arguments s = Arguments.of("the numpy array's state", state, 5);
            int[] shape = s.shape(1);
            DType dtype = s.dtype(2);
            requireCOrder(s.bool(3), shape);
            if (dtype.kind() == DType.Kind.OBJECT) {
                array = TextArray.objects(shape, s.get(4, List.class, "the object array's list of elements"));
            } else {
                array = array(dtype, shape, s.get(4, ByteData.class, "the array's bytes"));
            }
        }

        @Override
        public Object built() {
            if (array == null) {
                throw new IllegalArgumentException("a numpy array is used before its state is set");
            }
            return array;
        }
    }
}
