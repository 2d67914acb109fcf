package io.mosaic.fusion.crossmodal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mosaic.api.model.Scalars;

/**
 * MulT's input embedding of a sequence, x·√D + pe (the official code's {@code TransformerEncoder}, with fairseq's
 * sinusoidal table): with h = ⌊D/2⌋ and ω_i = exp(−i·ln(10000)/(h − 1)),
 * <pre>
 * pe[p] = [sin(p·ω_0) … sin(p·ω_{h−1}) | cos(p·ω_0) … cos(p·ω_{h−1})]   (a zero column more when D is odd)
 * </pre>
 * at position p = t + 1 for step t. The official code gives position 0, whose row is zero, to every step whose first
 * feature is exactly 0 (padding, for zero-padded inputs projected without bias); with {@code reference-quirks} this
 * embedding does the same, otherwise every step takes t + 1 (padding is masked elsewhere).
 */
final class ScaledPositions {
    /** The smallest width with a defined table (h − 1 ≥ 1). */
    static final int MIN_WIDTH = 4;

    private final float[] table;
    private final int steps;
    private final int dim;
    private final boolean firstFeatureDecides;

    /**
     * @param steps               the longest sequence it embeds
     * @param firstFeatureDecides whether a step whose first feature is 0 takes position 0 (the official code)
     */
    ScaledPositions(int steps, int dim, boolean firstFeatureDecides) {
        if (dim < MIN_WIDTH) {
            throw new IllegalArgumentException("MulT's position table needs a width of at least " + MIN_WIDTH
                    + ", found " + dim);
        }
        this.steps = steps;
        this.dim = dim;
        this.firstFeatureDecides = firstFeatureDecides;
        this.table = new float[steps * dim];
        int half = dim / 2;
        // float32 throughout, as torch builds the table: ω_i, then p·ω_i, then sin and cos of that float
        float rate = (float) (Math.log(10000) / (half - 1));
        for (int t = 0; t < steps; t++) {
            float position = t + 1;
            for (int i = 0; i < half; i++) {
                float frequency = (float) Math.exp(-(i * rate));
                float angle = position * frequency;
                table[t * dim + i] = (float) Math.sin(angle);
                table[t * dim + half + i] = (float) Math.cos(angle);
            }
        }
    }

    /** x·√D + pe for x [B, T, D], T at most the steps it was built for. */
    NDArray apply(NDArray x) {
        Shape shape = x.getShape();
        int length = Math.toIntExact(shape.get(1));
        if (length > steps || shape.get(2) != dim) {
            throw new IllegalArgumentException("positions were built for [B, ≤" + steps + ", " + dim + "], found "
                    + shape);
        }
        NDArray codes = x.getManager().create(table, new Shape(steps, dim)).get(new NDIndex("0:{}", length))
                .toType(x.getDataType(), false).expandDims(0);
        if (firstFeatureDecides) {
            NDArray placed = x.get(new NDIndex(":, :, 0:1")).neq(0).toType(x.getDataType(), false);
            codes = codes.mul(placed);
        }
        return Scalars.times(x, Math.sqrt(dim)).add(codes);
    }
}
