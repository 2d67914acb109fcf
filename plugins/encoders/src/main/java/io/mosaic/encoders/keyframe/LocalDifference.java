package io.mosaic.encoders.keyframe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mosaic.api.model.Scalars;

/**
 * The local difference of S2LIF's keyframe-aware masking (appendix A.1, eq. 20), exactly as written:
 * <pre>
 * M_local_i = (1/2k) · (Σ_{j=i−k}^{i} x_j + Σ_{j=i+1}^{i+k} x_j) − x_i
 * </pre>
 * The two sums together run over the 2k + 1 frames i − k .. i + k, frame i included, and are divided by 2k (not
 * 2k + 1), so a constant sequence c gives c/2k rather than 0; the appendix prints it so and Mosaic keeps it. Each
 * sample is replicate-padded at both ends of its own length n: x_j for j &lt; 0 is x_0 and for j ≥ n is x_{n−1}, so
 * padding never enters a valid step's window.
 */
final class LocalDifference {

    private LocalDifference() {
    }

    /**
     * @param x       [B, T, D], padding already zeroed
     * @param lengths [B], each sample's number of valid frames
     * @param window  k ≥ 1
     * @return M_local [B, T, D] (rows at or after a sample's length are the difference of its last frame's window)
     */
    static NDArray of(NDArray x, NDArray lengths, int window) {
        Shape shape = x.getShape();
        long batch = shape.get(0);
        long steps = shape.get(1);
        int span = 2 * window + 1;
        NDArray windowSum;
        try (NDManager scope = x.getManager().newSubManager()) {
            NDArray frames = frameIndices(scope, lengths, window, steps);
            NDArray gathered = x.gather(frames.reshape(batch, span * steps, 1).broadcast(batch, span * steps,
                    shape.get(2)), 1);
            windowSum = gathered.reshape(batch, span, steps, shape.get(2)).sum(new int[] {1});
            gathered.close();
        }
        return Scalars.dividedBy(windowSum, 2.0 * window).sub(x);
    }

    /**
     * The frame each window position reads after replicate padding: [B, 2k + 1, T] with entry (b, o, i) =
     * clamp(i + o − k, 0, max(n_b − 1, 0)). Computed by the engine, so that the gather's backward keeps an index
     * tensor it owns.
     */
    private static NDArray frameIndices(NDManager scope, NDArray lengths, int window, long steps) {
        NDArray positions = scope.arange(0, (int) steps, 1, DataType.INT64).reshape(1, 1, steps);
        NDArray offsets = scope.arange(-window, window + 1, 1, DataType.INT64).reshape(1, 2 * window + 1, 1);
        NDArray first = Scalars.constant(positions, 0);
        NDArray last = lengths.toType(DataType.INT64, true);
        last.attach(scope);
        last = last.sub(Scalars.constant(last, 1)).maximum(first).reshape(-1, 1, 1);
        return positions.add(offsets).maximum(first).minimum(last);
    }
}
