package io.mosaic.encoders.savedmodel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.tensorflow.RawTensor;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * Moves tensors between DJL and TensorFlow as whole buffers: one bulk copy of the array's bytes each way, never one
 * element at a time. Both sides store dense row-major data in the machine's byte order.
 */
final class TensorHandover {

    private TensorHandover() {
    }

    /** A new TensorFlow tensor (the caller closes it) holding {@code array}'s values; float32, int32 or int64. */
    static Tensor toTensorFlow(NDArray array) {
        Class<? extends TType> type = switch (array.getDataType()) {
            case FLOAT32 -> TFloat32.class;
            case INT32 -> TInt32.class;
            case INT64 -> TInt64.class;
            default -> throw new IllegalArgumentException("cannot hand a " + array.getDataType()
                    + " array to TensorFlow; float32, int32 or int64 expected");
        };
        ByteBuffer bytes = array.toByteBuffer();
        return Tensor.of(type, org.tensorflow.ndarray.Shape.of(array.getShape().getShape()), DataBuffers.of(bytes));
    }

    /** A new float32 array of {@code manager} holding {@code tensor}'s values. */
    static NDArray toDjl(Tensor tensor, NDManager manager) {
        if (!(tensor instanceof TFloat32)) {
            throw new IllegalArgumentException("expected a float32 tensor from TensorFlow, got " + tensor.dataType());
        }
        RawTensor raw = tensor.asRawTensor();
        if (raw.numBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a TensorFlow output of " + raw.numBytes() + " bytes is more than one "
                    + "buffer holds; use smaller batches");
        }
        ByteBuffer bytes = ByteBuffer.allocateDirect((int) raw.numBytes()).order(ByteOrder.nativeOrder());
        raw.data().copyTo(DataBuffers.of(bytes), raw.numBytes());
        return manager.create(bytes, new Shape(raw.shape().asArray()), DataType.FLOAT32);
    }
}
