package io.mosaic.api.model;

import ai.djl.training.ParameterStore;

/** Maps features to features: a projection, a recurrent or attention encoder, a pooling. */
public abstract class Encoder extends Module {

    /** The shape of what {@link #forward} returns. */
    public abstract FeatureShape output();

    /**
     * @param taps     where the encoder may record intermediate tensors (already scoped to its slot)
     * @param training whether this is a training pass (dropout on, statistics updated)
     */
    public abstract Features forward(ParameterStore parameters, Features input, Taps taps, boolean training);
}
