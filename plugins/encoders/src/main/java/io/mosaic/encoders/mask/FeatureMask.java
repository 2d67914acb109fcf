package io.mosaic.encoders.mask;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;

/**
 * S2LIF's learnable feature mask f_mask(x, r, s) (eq. 6–11, IMO's form, {@code reference/s2lif.md} §2), with
 * trainable r, s ∈ R^d:
 * <pre>
 * t   = |r| − s
 * q   = F(t)            eq. 7–8 (the seed's p): the unit step forward, eq. 11's surrogate derivative backward
 * m   = r ⊙ q           eq. 9, the filtering vector: 0 where a feature is dropped, its weight r where kept
 * x_c = x ⊙ m           eq. 10, for every token (or the pooled vector) of every sample
 * </pre>
 * so that ∂m/∂r = q + r·F'(t)·sign(r) and ∂m/∂s = −r·F'(t). Shape and lengths are kept; padding is multiplied like
 * any token, so zero padding stays zero. Taps (under the slot's scope): {@value FeatureMaskFactory#MASK_TAP} m [d],
 * {@value FeatureMaskFactory#THRESHOLD_TAP} s [d] (carrying its gradient, for {@code mask-sparsity}) and
 * {@value FeatureMaskFactory#KEEP_TAP}, the fraction of features kept (a 0-dim scalar).
 */
final class FeatureMask extends Encoder {
    private final FeatureShape shape;
    private final Parameter weights;
    private final Parameter thresholds;

    FeatureMask(FeatureShape shape, double initialWeight, double initialThreshold, BuildContext context) {
        this.shape = shape;
        Shape width = new Shape(shape.dim());
        this.weights = parameter("r", width, new ConstantInitializer((float) initialWeight), context);
        this.thresholds = parameter("s", width, new ConstantInitializer((float) initialThreshold), context);
    }

    @Override
    public FeatureShape output() {
        return shape;
    }

    @Override
    public Features forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
        NDArray x = input.values();
        NDManager pass = x.getManager();
        NDArray r = inPass(parameters.getValue(weights, x.getDevice(), training), pass);
        NDArray s = inPass(parameters.getValue(thresholds, x.getDevice(), training), pass);
        NDArray t = r.abs().sub(s);
        NDArray m = r.mul(SurrogateStep.apply(t));
        taps.put(FeatureMaskFactory.MASK_TAP, m);
        taps.put(FeatureMaskFactory.THRESHOLD_TAP, s);
        taps.put(FeatureMaskFactory.KEEP_TAP, SurrogateStep.step(t).mean());
        return input.withValues(x.mul(m));
    }

    /**
     * {@code parameter} as 1 · parameter computed in the pass's manager: a new array in the autograd graph (its
     * gradient reaches the parameter), so that the arrays derived from it are freed with the pass rather than kept by
     * the model's manager, and a tap of it can be moved to another manager without touching the parameter. (DJL's
     * {@code duplicate} would cut the gradient.)
     */
    private static NDArray inPass(NDArray parameter, NDManager pass) {
        return pass.ones(new Shape(), parameter.getDataType(), parameter.getDevice()).mul(parameter);
    }
}
