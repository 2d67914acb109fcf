package io.mosaic.fusion.semantic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Module;
import io.mosaic.api.model.Scalars;

/**
 * SATI's factorised bilinear pooling gate (eq. 9–12) from the invariant (shared) codes of one modality, I_m, and of
 * the text, I_t, at every step:
 * <pre>
 * z  = Dropout((I_m Uᵀ) ⊙ (I_t Vᵀ))          U, V: Linear(H, o·k) without bias          [B, T, o·k]
 * p  = SumPool(z, k)                          sums of k consecutive features             [B, T, o]
 * n  = p / max(‖p‖₂, 1e-12)                   over the o features (no power normalisation)
 * g  = n W_normᵀ + b                          Linear(o, 1)                               [B, T, 1]
 * </pre>
 * and the factor {@link GateMode#apply mode(g)}.
 */
final class FbpGate extends Module {
    private static final double NORM_FLOOR = 1e-12;

    private final Linear u;
    private final Linear v;
    private final Linear output;
    private final int dim;
    private final int pool;
    private final float dropout;
    private final GateMode mode;

    /**
     * @param dim    o, the pooled features
     * @param pool   k, the features summed into one
     * @param shared another gate's output layer to use instead of an own one (the official code's vision gate uses
     *               the audio gate's), or null
     */
    FbpGate(int width, int dim, int pool, double dropout, GateMode mode, Linear shared, BuildContext context) {
        this.u = child("u", Linear.builder().setUnits((long) dim * pool).optBias(false).build(), context,
                new Shape(1, width));
        this.v = child("v", Linear.builder().setUnits((long) dim * pool).optBias(false).build(), context,
                new Shape(1, width));
        this.output = shared != null ? shared
                : child("output", Linear.builder().setUnits(1).build(), context, new Shape(1, dim));
        this.dim = dim;
        this.pool = pool;
        this.dropout = (float) dropout;
        this.mode = mode;
    }

    Linear output() {
        return output;
    }

    /**
     * @param shared     I_m [B, T, H]
     * @param sharedText I_t [B, T, H]
     * @return the factor [B, T, 1]
     */
    NDArray forward(ParameterStore parameters, NDArray shared, NDArray sharedText, boolean training) {
        NDArray product = apply(u, parameters, shared, training).mul(apply(v, parameters, sharedText, training));
        NDArray z = Dropout.dropout(product, dropout, training).singletonOrThrow();
        Shape shape = z.getShape();
        NDArray pooled = z.reshape(shape.get(0), shape.get(1), dim, pool).sum(new int[] {3});
        NDArray normalised = pooled.div(Scalars.atLeast(pooled.norm(new int[] {2}, true), NORM_FLOOR));
        return mode.apply(apply(output, parameters, normalised, training));
    }

    private static NDArray apply(Linear linear, ParameterStore parameters, NDArray x, boolean training) {
        return linear.forward(parameters, new NDList(x), training).singletonOrThrow();
    }
}
