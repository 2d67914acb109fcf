package io.mosaic.encoders.savedmodel;

import java.io.IOException;
import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A tiny SavedModel written with TensorFlow Java's own API: y = tanh(x W + b) per frame, with W (2 x 3) and b below,
 * under three signatures: {@code serving_default} (frames → codes [B, T, 3]), {@code pooled} (the codes' mean over
 * the time axis, padding included: [B, 3]) and {@code with_lengths} (frames and lengths → the frames times each
 * sample's length, [B, T, 2]).
 */
final class TinySavedModels {
    static final float[][] W = {{0.5f, -1f, 0.25f}, {2f, 0.1f, -0.3f}};
    static final float[] B = {0.1f, -0.2f, 0.05f};

    private TinySavedModels() {
    }

    static Path write(Path folder) throws IOException {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> frames = tf.withName("frames").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, -1, 2)));
            Placeholder<TInt64> lengths = tf.withName("lengths").placeholder(TInt64.class,
                    Placeholder.shape(Shape.of(-1)));
            Operand<TFloat32> codes = tf.math.tanh(tf.math.add(
                    tf.train.batchMatMul(frames, tf.constant(W), TFloat32.class), tf.constant(B)));
            Operand<TFloat32> pooled = tf.math.mean(codes, tf.constant(1));
            Operand<TFloat32> scale = tf.expandDims(tf.expandDims(tf.dtypes.cast(lengths, TFloat32.class),
                    tf.constant(1)), tf.constant(2));
            Operand<TFloat32> scaled = tf.math.mul(frames, scale);
            SavedModelBundle.exporter(folder.toString()).withFunctions(
                    SessionFunction.create(Signature.builder().key("serving_default").input("frames", frames)
                            .output("codes", codes).build(), session),
                    SessionFunction.create(Signature.builder().key("pooled").input("frames", frames)
                            .output("mean", pooled).build(), session),
                    SessionFunction.create(Signature.builder().key("with_lengths").input("frames", frames)
                            .input("lengths", lengths).output("scaled", scaled).build(), session))
                    .export();
        }
        return folder;
    }

    /** tanh(x W + b) for one frame, by hand. */
    static float[] code(float x0, float x1) {
        float[] y = new float[3];
        for (int j = 0; j < 3; j++) {
            y[j] = (float) Math.tanh(x0 * W[0][j] + x1 * W[1][j] + B[j]);
        }
        return y;
    }
}
