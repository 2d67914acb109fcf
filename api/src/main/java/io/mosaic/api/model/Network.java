package io.mosaic.api.model;

import ai.djl.training.ParameterStore;
import io.mosaic.api.data.Batch;

/** A whole model as a pipeline built it: one forward pass from a batch to its taps. */
public abstract class Network extends Module {

    /**
     * Runs the model and records its taps, at least {@link PipelineFactory#PREDICTION_TAP}.
     *
     * @param taps where to record, empty on entry
     */
    public abstract void forward(ParameterStore parameters, Batch batch, Taps taps, boolean training);
}
