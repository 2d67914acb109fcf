package io.mosaic.fusion.semantic;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.mosaic.api.model.Scalars;
import java.util.Locale;

/** How the FBP gate's score g [B, T, 1] becomes the factor of a cross-attention stream. */
enum GateMode {
    /** σ(g): a soft gate in (0, 1) with a gradient everywhere (the default). */
    SIGMOID {
        @Override
        NDArray apply(NDArray g) {
            return Activation.sigmoid(g);
        }
    },
    /**
     * Exactly 1 where g > 0 (so where tanh(g) > 0, as in the official code) and 0 elsewhere in the forward pass; the
     * backward pass is σ(g)'s: step(g) + (σ(g) − stopGradient(σ(g))), whose second term is exactly 0 forward.
     */
    STRAIGHT_THROUGH {
        @Override
        NDArray apply(NDArray g) {
            NDArray soft = Activation.sigmoid(g);
            NDArray step = g.gt(Scalars.constant(g, 0)).toType(g.getDataType(), false);
            return step.add(soft.sub(soft.stopGradient()));
        }
    },
    /** No gate: the factor is 1 (the paper's w/o-GM ablation); the gate's parameters are not created. */
    NONE {
        @Override
        NDArray apply(NDArray g) {
            throw new IllegalStateException("an ungated stream has no score to apply");
        }
    },
    /**
     * The official code's binarisation (sign(g) + |sign(g)|) / 2 through sign, whose gradient is 0: the gate's
     * parameters never train. Only under {@code reference-quirks}; where g = 0 exactly it gives 0 (the code: NaN).
     */
    HARD {
        @Override
        NDArray apply(NDArray g) {
            NDArray sign = g.sign();
            return Scalars.times(sign.add(sign.abs()), 0.5);
        }
    };

    /** @param g the gate's score [B, T, 1] */
    abstract NDArray apply(NDArray g);

    /** The parameter value naming this mode: sigmoid, straight-through, none or hard. */
    String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static GateMode of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
