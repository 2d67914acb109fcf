package io.mosaic.losses.support;

import ai.djl.ndarray.NDArray;
import io.mosaic.api.model.Scalars;

/**
 * The gradient reversal layer of Ganin and Lempitsky (SATI's eq. 3, its reference [11]): the identity forward, −λ
 * times the incoming gradient backward. DJL has no custom autograd function, so it is the straight-through
 * composition sg(x) + (r − sg(r)) with r = −λ·x and sg the stop-gradient: r − sg(r) is exactly 0 forward (the same
 * float minus itself), so the forward value is x to the bit, and its derivative is ∂r/∂x = −λ.
 */
public final class GradientReversal {

    private GradientReversal() {
    }

    /** x forward; −λ · (the gradient of what follows) backward. */
    public static NDArray apply(NDArray x, double lambda) {
        NDArray reversed = Scalars.times(x, -lambda);
        return x.stopGradient().add(reversed.sub(reversed.stopGradient()));
    }
}
