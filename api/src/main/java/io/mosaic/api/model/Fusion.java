package io.mosaic.api.model;

import ai.djl.training.ParameterStore;
import java.util.Map;

/** Combines named inputs (usually one per modality) into one representation. */
public abstract class Fusion extends Module {

    public abstract FeatureShape output();

    /** @param inputs the features by the names the fusion was built with, in the same order */
    public abstract Features forward(ParameterStore parameters, Map<String, Features> inputs, Taps taps,
                                     boolean training);
}
