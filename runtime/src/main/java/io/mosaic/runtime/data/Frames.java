package io.mosaic.runtime.data;

/**
 * One sample's frames of one modality: {@code steps} padded positions of {@code dim} features, row-major, of which
 * the first {@code length} are real.
 */
public record Frames(float[] values, int steps, int dim, int length) {

    public Frames {
        if (values.length != steps * dim) {
            throw new IllegalArgumentException("frames of " + steps + "x" + dim + " need " + steps * dim
                    + " values, got " + values.length);
        }
        if (length < 0 || length > steps) {
            throw new IllegalArgumentException("length " + length + " is outside [0, " + steps + "]");
        }
    }

    /** The value of feature {@code feature} at position {@code step}. */
    public float at(int step, int feature) {
        return values[step * dim + feature];
    }
}
