package io.mosaic.runtime.data.testbed;

import io.mosaic.api.model.FeatureShape;

/**
 * The frames of one modality and the role of each feature: dimensions [0, invariantDims) carry the score in every
 * domain, the next {@code spuriousDims} carry it with a domain-dependent factor, and the rest carry none.
 *
 * @param steps         padded number of frames
 * @param dim           features per frame
 * @param invariantDims number of invariant dimensions
 * @param spuriousDims  number of spurious dimensions
 */
public record FrameLayout(int steps, int dim, int invariantDims, int spuriousDims) {

    public FrameLayout {
        if (steps < 1 || dim < 1) {
            throw new IllegalArgumentException("frames need steps >= 1 and dim >= 1, got " + steps + "x" + dim);
        }
        if (invariantDims < 0 || spuriousDims < 0 || invariantDims + spuriousDims > dim) {
            throw new IllegalArgumentException("invariant and spurious dimensions must be >= 0 and fit in " + dim
                    + " features, got " + invariantDims + " invariant and " + spuriousDims + " spurious");
        }
    }

    public FeatureShape shape() {
        return FeatureShape.sequence(steps, dim);
    }

    public boolean isInvariant(int feature) {
        return feature < invariantDims;
    }

    public boolean isSpurious(int feature) {
        return feature >= invariantDims && feature < invariantDims + spuriousDims;
    }
}
