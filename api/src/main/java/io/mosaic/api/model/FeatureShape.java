package io.mosaic.api.model;

/**
 * The shape of one sample's features, without the batch axis.
 *
 * @param steps the padded sequence length, or 0 for a pooled vector
 * @param dim   the feature width
 */
public record FeatureShape(int steps, int dim) {

    public FeatureShape {
        if (steps < 0 || dim < 1) {
            throw new IllegalArgumentException("a feature shape needs steps >= 0 and dim >= 1, got " + steps + "x" + dim);
        }
    }

    public static FeatureShape sequence(int steps, int dim) {
        if (steps < 1) {
            throw new IllegalArgumentException("a sequence has at least one step, got " + steps);
        }
        return new FeatureShape(steps, dim);
    }

    public static FeatureShape vector(int dim) {
        return new FeatureShape(0, dim);
    }

    public boolean isSequence() {
        return steps > 0;
    }

    /** The same kind of shape with another width. */
    public FeatureShape withDim(int newDim) {
        return new FeatureShape(steps, newDim);
    }

    @Override
    public String toString() {
        return isSequence() ? steps + "x" + dim : "[" + dim + "]";
    }
}
