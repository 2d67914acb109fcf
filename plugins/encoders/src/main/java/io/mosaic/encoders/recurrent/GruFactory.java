package io.mosaic.encoders.recurrent;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.EncoderFactory;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.encoders.support.Sequences;
import org.osgi.service.component.annotations.Component;

/** {@code gru}: a unidirectional GRU over each sample's true length, returning the sequence of hidden states. */
@Component(service = EncoderFactory.class)
@MosaicComponent(kind = ComponentKind.ENCODER, name = "gru")
public final class GruFactory implements EncoderFactory {
    private static final ParameterSchema SCHEMA = ParameterSchema.builder()
            .integer("hidden", null, 1, null, "The size of the hidden state, which is the output width.")
            .integer("layers", 1, 1, 64, "The number of stacked GRU layers (DJL declares every layer's "
                    + "parameters at once, before any is allocated, so the count is bounded here).")
            .real("dropout", 0.0, 0.0, 0.99, "The dropout rate between stacked layers (no effect with one layer).")
            .build();

    @Override
    public String description() {
        return "Runs a unidirectional GRU over each sequence and returns its hidden states, zero after each length.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Encoder create(Parameters parameters, FeatureShape input, BuildContext context) {
        Sequences.requireSequence("gru", input);
        return new GruEncoder(input, parameters.integer("hidden"), parameters.integer("layers"),
                parameters.real("dropout"), context);
    }
}
