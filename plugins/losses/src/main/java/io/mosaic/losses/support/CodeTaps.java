package io.mosaic.losses.support;

import ai.djl.ndarray.types.Shape;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;

/** Reading the per-modality code taps of a pipeline, {@code <modality>.<suffix>}, as features with their lengths. */
public final class CodeTaps {

    private CodeTaps() {
    }

    /** {@code <modality>.<suffix>}, e.g. {@code vision.shared}. */
    public static String name(Modality modality, String suffix) {
        return modality.id() + "." + suffix;
    }

    /**
     * The tap {@code name} as a sequence [B, T, D] with its lengths, or pooled [B, D].
     *
     * @param component the objective that reads it, for the error message
     * @param width     the width D it must have, or 0 for any
     * @throws IllegalArgumentException naming the component and the tap when it is missing, a sequence recorded
     *                                  without lengths, or of another width
     */
    public static Features read(Taps taps, String name, String component, long width) {
        Features features;
        try {
            features = taps.features(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(component + " reads tap '" + name + "': " + e.getMessage(), e);
        }
        Shape shape = features.values().getShape();
        if (width > 0 && shape.get(shape.dimension() - 1) != width) {
            throw new IllegalArgumentException(component + " reads tap '" + name + "' as codes of width " + width
                    + " (its 'width' parameter), found " + shape);
        }
        return features;
    }
}
