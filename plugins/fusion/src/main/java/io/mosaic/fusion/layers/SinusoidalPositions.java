package io.mosaic.fusion.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.mosaic.api.model.Scalars;

/**
 * Adds a sinusoidal position code that restarts at 0 in every block to the joined blocks (x + pe, as CIDer's
 * official code does), optionally after scaling them by √D (x·√D + pe, as MulT embeds a sequence). The code is
 * Vaswani et al.'s: pe[t, 2i] = sin(t / 10000^(2i/D)) and pe[t, 2i+1] = cos(t / 10000^(2i/D)), with t the position
 * inside the block.
 */
public final class SinusoidalPositions {
    private final float[] table;
    private final int total;
    private final int dim;
    private final boolean scaleInput;

    /** @param scaleInput whether the input is multiplied by √D before the code is added */
    public SinusoidalPositions(BlockLayout layout, boolean scaleInput) {
        this.total = layout.total();
        this.dim = layout.dim();
        this.scaleInput = scaleInput;
        this.table = new float[total * dim];
        for (int m = 0; m < layout.blocks(); m++) {
            for (int t = 0; t < layout.steps(m); t++) {
                int row = (layout.offset(m) + t) * dim;
                for (int d = 0; d < dim; d++) {
                    double angle = t / Math.pow(10000, (d - d % 2) / (double) dim);
                    table[row + d] = (float) (d % 2 == 0 ? Math.sin(angle) : Math.cos(angle));
                }
            }
        }
    }

    /** x + pe, or x·√D + pe when the input is scaled, for x [B, ΣT, D]. */
    public NDArray apply(NDArray x) {
        NDArray codes = x.getManager().create(table, new Shape(1, total, dim)).toType(x.getDataType(), false);
        return (scaleInput ? Scalars.times(x, Math.sqrt(dim)) : x).add(codes);
    }
}
