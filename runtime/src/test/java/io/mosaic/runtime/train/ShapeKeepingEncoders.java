package io.mosaic.runtime.train;

import ai.djl.training.ParameterStore;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.EncoderFactory;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;

/** Parameterless test encoders that declare their input's shape as their output's and run a given forward pass. */
final class ShapeKeepingEncoders {

    /** An encoder's forward pass, without parameters. */
    @FunctionalInterface
    interface Forward {
        Features apply(Features input, Taps taps, boolean training);
    }

    private ShapeKeepingEncoders() {
    }

    static EncoderFactory factory(String description, Forward forward) {
        return new EncoderFactory() {
            @Override
            public String description() {
                return description;
            }

            @Override
            public ParameterSchema parameters() {
                return ParameterSchema.EMPTY;
            }

            @Override
            public Encoder create(Parameters parameters, FeatureShape input, BuildContext context) {
                return new Encoder() {
                    @Override
                    public FeatureShape output() {
                        return input;
                    }

                    @Override
                    public Features forward(ParameterStore store, Features features, Taps taps, boolean training) {
                        return forward.apply(features, taps, training);
                    }
                };
            }
        };
    }
}
