package io.mosaic.encoders.mask;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import io.mosaic.api.model.Scalars;

/**
 * The unit step F of S2LIF's eq. 7 with the surrogate derivative of eq. 11 (Xu &amp; Cheung; DST):
 * <pre>
 * F(t)  = 1 if t ≥ 0, else 0                    (forward: the exact step; t = 0 keeps)
 * F'(t) = 2 − 4|t|  for |t| ≤ 0.4
 *       = 0.4       for 0.4 &lt; |t| ≤ 1
 *       = 0         for |t| &gt; 1                  (backward)
 * </pre>
 * DJL has no custom autograd, so the derivative comes from g, the odd antiderivative of F' with g(0) = 0:
 * <pre>
 * g(t) = 2t − 2t|t|          for |t| ≤ 0.4   (g(±0.4) = ±0.48)
 *      = 0.4t + 0.32·sign(t) for 0.4 &lt; |t| ≤ 1 (g(±1) = ±0.72)
 *      = 0.72·sign(t)        for |t| &gt; 1
 * </pre>
 * and the straight-through composition F(t) + (g(t) − stopGradient(g(t))). It equals papers.md's
 * stopGradient(F(t) − g(t)) + g(t), but its forward value is F(t) exactly in floating point (g − g is 0, while
 * (1 − g) + g need not round back to 1).
 */
final class SurrogateStep {
    /** Where the surrogate's slope stops falling linearly: 2 − 4·0.4 = 0.4, the slope of the middle piece. */
    static final double INNER = 0.4;
    /** Beyond |t| = 1 the surrogate derivative is 0. */
    static final double OUTER = 1.0;
    private static final double MIDDLE_SLOPE = 0.4;
    /** g(0.4) − 0.4·0.4: the middle piece's offset, so that g is continuous at |t| = 0.4. */
    private static final double MIDDLE_OFFSET = 0.48 - MIDDLE_SLOPE * INNER;
    /** g(1) = 0.4 + 0.32. */
    private static final double PLATEAU = MIDDLE_SLOPE * OUTER + MIDDLE_OFFSET;

    private SurrogateStep() {
    }

    /** F(t) elementwise, as the float type of {@code t}, without gradient. */
    static NDArray step(NDArray t) {
        return t.gte(Scalars.constant(t, 0)).toType(t.getDataType(), false);
    }

    /** F(t) in the forward pass, with eq. 11's derivative in the backward pass. */
    static NDArray apply(NDArray t) {
        NDArray g = antiderivative(t);
        return step(t).add(g.sub(g.stopGradient()));
    }

    /** g(t), whose derivative is eq. 11's surrogate; a select per piece, so each piece's gradient is its own. */
    static NDArray antiderivative(NDArray t) {
        NDArray size = t.abs().stopGradient();
        NDArray sign = t.sign();
        NDArray inner = Scalars.times(t.sub(t.mul(t.abs())), 2);
        NDArray middle = Scalars.times(t, MIDDLE_SLOPE).add(Scalars.times(sign, MIDDLE_OFFSET));
        NDArray plateau = Scalars.times(sign, PLATEAU);
        return NDArrays.where(size.lte(Scalars.constant(size, INNER)), inner,
                NDArrays.where(size.lte(Scalars.constant(size, OUTER)), middle, plateau));
    }
}
