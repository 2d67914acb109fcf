package io.mosaic.models.selfmm;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Head;
import io.mosaic.api.model.Taps;

/**
 * One of Self-MM's four heads, in two slots: a features chain, F = ReLU(W1·Dropout(x)) in MMSA, and a head,
 * ŷ = W3·ReLU(W2·F). It records F and ŷ under its taps.
 *
 * @param featuresSlot  the slot of the features chain
 * @param headSlot      the slot of the head
 * @param featuresTap   where F is recorded
 * @param predictionTap where ŷ is recorded
 */
record Tower(String featuresSlot, String headSlot, String featuresTap, String predictionTap, Encoder features,
             Head head) {

    /** Records F and ŷ of {@code input}, and returns F. */
    Features forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
        Features f = features.forward(parameters, input, taps.scoped(featuresSlot), training);
        taps.put(featuresTap, f.values());
        NDArray prediction = head.forward(parameters, f, taps.scoped(headSlot), training);
        taps.put(predictionTap, prediction);
        return f;
    }
}
