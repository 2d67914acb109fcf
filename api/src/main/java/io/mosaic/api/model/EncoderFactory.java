package io.mosaic.api.model;

import io.mosaic.api.component.ComponentFactory;
import io.mosaic.api.component.Parameters;

/** Creates encoders; register implementations with {@code @MosaicComponent(kind = ENCODER, ...)}. */
public interface EncoderFactory extends ComponentFactory {

    /**
     * @param input the shape of the features the encoder receives
     * @throws IllegalArgumentException when the encoder cannot take {@code input} (say, pooled features where it
     *                                  needs a sequence); the message says what it expected
     */
    Encoder create(Parameters parameters, FeatureShape input, BuildContext context);
}
