package io.mosaic.losses.support;

import ai.djl.ndarray.NDArray;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Scalars;

/** Means over time that ignore padding (papers.md, SATI: time-means, CMD and the discriminator ignore padding). */
public final class TimeMean {

    private TimeMean() {
    }

    /**
     * The mean over each sample's valid steps, [B, D]: Σ_{t < len_b} x_bt / len_b. Pooled features [B, D] are returned
     * as they are. Padded values never enter the computation (not even as 0 · NaN), and a sample of length 0 gets the
     * zero vector rather than 0/0.
     */
    public static NDArray of(Features features) {
        if (!features.isSequence()) {
            return features.values();
        }
        NDArray mask = features.mask();
        NDArray steps = Scalars.atLeast(mask.toType(features.values().getDataType(), false).sum(new int[] {1}), 1);
        return features.paddingZeroed().sum(new int[] {1}).div(steps.expandDims(1));
    }

    /** The [B, T] mask of valid steps as 1/0 values of {@code features}' type. */
    public static NDArray validSteps(Features features) {
        return features.mask().toType(features.values().getDataType(), false);
    }
}
