package io.mosaic.models.support;

import io.mosaic.api.model.FeatureShape;

/** Checks a pipeline makes of the shapes its slots' components return. */
public final class SlotShapes {

    private SlotShapes() {
    }

    /** {@code shape}, when it is a sequence; else a refusal naming {@code slot}. */
    public static FeatureShape requireSequence(FeatureShape shape, String slot) {
        if (!shape.isSequence()) {
            throw new IllegalArgumentException("slot '" + slot + "' must keep the time axis, but returns pooled "
                    + "features " + shape);
        }
        return shape;
    }

    /** {@code shape}, when it is a pooled vector; else a refusal naming {@code slot}. */
    public static FeatureShape requirePooled(FeatureShape shape, String slot) {
        if (shape.isSequence()) {
            throw new IllegalArgumentException("slot '" + slot + "' must end in a pooled vector, but returns a "
                    + "sequence " + shape + "; end its chain with a pooling encoder (masked-mean-pool, "
                    + "last-step-pool, attention-pool)");
        }
        return shape;
    }
}
