package io.mosaic.api.model;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/** Maps a pooled representation [B, D] to the task's outputs [B, outputs]. */
public abstract class Head extends Module {

    public abstract NDArray forward(ParameterStore parameters, Features input, Taps taps, boolean training);
}
