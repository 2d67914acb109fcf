package io.mosaic.losses.maci;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;

/** Reading and writing the buffers of this package's modules. */
final class Buffers {

    private Buffers() {
    }

    /**
     * A copy of {@code value} owned by {@code manager}, so that the arrays derived from it in one pass are freed with
     * that manager rather than kept by the model's.
     */
    static NDArray copyInto(NDArray value, NDManager manager) {
        NDArray copy = value.duplicate();
        copy.attach(manager);
        return copy;
    }

    /** Overwrites {@code buffer} with {@code values} (row-major, converted to the buffer's data type). */
    static void assign(Parameter buffer, float[] values) {
        NDArray array = buffer.getArray();
        if (values.length != array.size()) {
            throw new IllegalArgumentException("buffer '" + buffer.getName() + "' " + array.getShape() + " holds "
                    + array.size() + " values, found " + values.length);
        }
        // An indexed copy (copy_ in libtorch): copyTo goes through set(ByteBuffer), whose deprecated libtorch guard
        // prints a 500-character warning once per process.
        try (NDManager scratch = array.getManager().newSubManager()) {
            array.set(new NDIndex("..."), scratch.create(values, array.getShape()).toType(array.getDataType(), false));
        }
    }
}
