package io.mosaic.encoders.dropout;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.EncoderFactory;
import io.mosaic.api.model.FeatureShape;
import org.osgi.service.component.annotations.Component;

/**
 * {@code dropout}: inverted dropout of a sequence or a pooled vector, active in training passes only (Self-MM's
 * {@code post_*_dropout} before each head's first layer).
 */
@Component(service = EncoderFactory.class)
@MosaicComponent(kind = ComponentKind.ENCODER, name = "dropout")
public final class DropoutFactory implements EncoderFactory {
    private static final ParameterSchema SCHEMA = ParameterSchema.builder()
            .real("rate", null, 0.0, 0.99, "The probability p that a value is zeroed in a training pass; the "
                    + "values kept are scaled by 1/(1 - p).")
            .build();

    @Override
    public String description() {
        return "Zeroes each value with probability rate in training passes and scales the others by 1/(1 - rate); "
                + "the identity at evaluation.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Encoder create(Parameters parameters, FeatureShape input, BuildContext context) {
        return new DropoutEncoder(input, parameters.real("rate"));
    }
}
