package io.mosaic.runtime.data.pickle;

import io.mosaic.runtime.data.npz.ByteData;
import io.mosaic.runtime.data.npz.DType;
import io.mosaic.runtime.data.npz.NdArray;
import io.mosaic.runtime.data.npz.PythonTypes;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An array that {@code joblib.dump} wrote (joblib's {@code numpy_pickle.NumpyArrayWrapper}, joblib 0.10 and later):
 * the pickle holds {@code NumpyArrayWrapper()} (NEWOBJ) with the state {@code {subclass: numpy.ndarray, shape, order,
 * dtype, allow_mmap[, numpy_array_alignment_bytes]}}, and right after its BUILD the file holds the array itself, as
 * joblib's {@code NumpyArrayWrapper.read_array} reads it:
 * <ul>
 *   <li>numbers: with {@code numpy_array_alignment_bytes} (joblib 1.2 and later) one byte n, then n padding bytes;
 *       then the elements' bytes in the given order;</li>
 *   <li>object arrays (strings): a complete pickle of the array, which is read with NumPy's globals only.</li>
 * </ul>
 * Only {@code numpy.ndarray} is accepted as the subclass; Fortran order beyond one dimension and compressed joblib
 * files are not read.
 */
final class JoblibArray implements Buildable {
    static final String WRAPPER = "joblib.numpy_pickle.NumpyArrayWrapper";
    private static final String ALIGNMENT = "numpy_array_alignment_bytes";
    private static final Set<String> REQUIRED = Set.of("subclass", "shape", "order", "dtype", "allow_mmap");

    private int[] shape;
    private DType dtype;
    private boolean padded;
    private NdArray array;

    /** {@code NumpyArrayWrapper()}: joblib's pickler constructs it without arguments. */
    static Object construct(List<Object> args) {
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("NumpyArrayWrapper is constructed without arguments, found "
                    + args.size());
        }
        return new JoblibArray();
    }

    @Override
    public void setState(Object state) {
        if (!(state instanceof Map<?, ?> attributes)) {
            throw new IllegalArgumentException("NumpyArrayWrapper's state must be a dict, found "
                    + PythonTypes.of(state));
        }
        if (!attributes.keySet().containsAll(REQUIRED)) {
            throw new IllegalArgumentException("NumpyArrayWrapper's state must have the attributes " + REQUIRED
                    + "; found " + attributes.size() + " attributes");
        }
        if (!(attributes.get("subclass") instanceof PickleGlobal type) || !type.name().equals(NumpyGlobals.NDARRAY)) {
            throw new IllegalArgumentException("NumpyArrayWrapper's subclass must be numpy.ndarray, found "
                    + PythonTypes.of(attributes.get("subclass")));
        }
        Arguments wrapped = Arguments.of("NumpyArrayWrapper's shape and dtype",
                Arrays.asList(attributes.get("shape"), attributes.get("dtype"), attributes.get("order")), 3);
        shape = wrapped.shape(0);
        dtype = wrapped.dtype(1);
        String order = wrapped.string(2);
        if (!order.equals("C") && !order.equals("F")) {
            throw new IllegalArgumentException("NumpyArrayWrapper's order must be 'C' or 'F', found '" + order + "'");
        }
        NumpyGlobals.requireCOrder(order.equals("F"), shape);
        padded = attributes.containsKey(ALIGNMENT) && attributes.get(ALIGNMENT) != null;
    }

    /**
     * Reads the array that follows the wrapper's BUILD.
     *
     * @param nested reads the complete pickle of an object array from the same input
     */
    void read(PickleInput input, NestedPickle nested) throws IOException {
        if (shape == null) {
            throw new IllegalArgumentException("NumpyArrayWrapper's data follows its state, which is missing");
        }
        if (dtype.kind() == DType.Kind.OBJECT) {
            Object value = nested.load();
            if (!(value instanceof NdArray objects) || !Arrays.equals(objects.shape(), shape)) {
                throw new IllegalArgumentException("NumpyArrayWrapper of an object array " + Arrays.toString(shape)
                        + " holds " + PythonTypes.of(value));
            }
            array = objects;
            return;
        }
        if (padded) {
            input.bytes(input.u8());
        }
        long bytes = NdArray.bytesOf(dtype, shape);
        ByteData data = input.data(bytes);
        array = NumpyGlobals.array(dtype, shape, data);
    }

    @Override
    public Object built() {
        if (array == null) {
            throw new IllegalArgumentException("a joblib array is used before its data was read");
        }
        return array;
    }

    /** The embedded pickle of an object array, read from where the wrapper's state ends. */
    @FunctionalInterface
    interface NestedPickle {
        Object load() throws IOException;
    }
}
