package io.mosaic.api.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Arrays of a component's own Java values that autograd may read. DJL 0.32's {@code NDManager.create(float[])} on the
 * PyTorch engine lays the array over a Java direct buffer that only the array it returns keeps alive: once that array
 * is closed (a component's temporaries are, when {@link Temporaries#released} returns), the garbage collector frees the
 * buffer, whatever libtorch still holds of it, and a backward pass that reads it (an operand of a product, a quotient,
 * a {@code where}) computes from freed memory. The arrays made here are copies in libtorch's own memory, which lives as
 * long as libtorch holds it. Arrays that only feed sums, or that live until the step ends, need no copy.
 */
public final class JavaData {

    private JavaData() {
    }

    /** {@code values} (row-major) as an array of {@code shape} and {@code type}, in {@code manager}. */
    public static NDArray array(NDManager manager, float[] values, Shape shape, DataType type) {
        try (NDArray overJavaMemory = manager.create(values, shape)) {
            // duplicate is a clone; toType to another type makes a new tensor too, but to the same type returns itself
            return type == DataType.FLOAT32 ? overJavaMemory.duplicate() : overJavaMemory.toType(type, false);
        }
    }
}
