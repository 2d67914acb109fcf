package io.mosaic.api.model;

import io.mosaic.api.data.DataSpec;
import java.util.Map;

/**
 * What a pipeline builds its network with: the data's shape and the components the assembly chose for each slot.
 * Each slot is built once.
 */
public interface PipelineContext extends BuildContext {

    @Override
    DataSpec data();

    /** Builds the encoder (or chain of encoders) chosen for {@code slot}. */
    Encoder encoder(String slot, FeatureShape input);

    /** Builds the fusion chosen for {@code slot}. */
    Fusion fusion(String slot, Map<String, FeatureShape> inputs);

    /** Builds the head chosen for {@code slot}. */
    Head head(String slot, FeatureShape input, int outputs);
}
