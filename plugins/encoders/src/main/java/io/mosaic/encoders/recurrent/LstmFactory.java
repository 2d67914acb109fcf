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

/**
 * {@code lstm}: MMSA's "sLSTM" (Self-MM's AuViSubNet), a unidirectional LSTM over each sample's true length whose
 * final hidden state goes through dropout and a linear map to {@code out} features.
 */
@Component(service = EncoderFactory.class)
@MosaicComponent(kind = ComponentKind.ENCODER, name = "lstm")
public final class LstmFactory implements EncoderFactory {
    private static final ParameterSchema SCHEMA = ParameterSchema.builder()
            .integer("hidden", null, 1, null, "The size of the LSTM's hidden state (MMSA's Self-MM on MOSI: audio 16, "
                    + "vision 32).")
            .integer("out", null, 1, null, "The width of the linear map after the final hidden state, which is the "
                    + "output width (MMSA's Self-MM: audio 16, vision 32).")
            .integer("layers", 1, 1, 64, "The number of stacked LSTM layers.")
            .real("dropout", 0.0, 0.0, 0.99, "The dropout rate on the final hidden state before the linear map, and "
                    + "between stacked layers (MMSA passes one rate to both).")
            .build();

    @Override
    public String description() {
        return "Runs a unidirectional LSTM over each sequence's true length and maps the final hidden state, after "
                + "dropout, linearly to out features (a pooled vector).";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Encoder create(Parameters parameters, FeatureShape input, BuildContext context) {
        Sequences.requireSequence("lstm", input);
        return new LstmEncoder(input, parameters.integer("hidden"), parameters.integer("out"),
                parameters.integer("layers"), parameters.real("dropout"), context);
    }
}
