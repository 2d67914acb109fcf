package io.mosaic.api.data;

import java.util.Locale;

/** The three modalities of multimodal sentiment analysis. */
public enum Modality {
    TEXT, AUDIO, VISION;

    /** The lower-case name used in assemblies and tap names. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
