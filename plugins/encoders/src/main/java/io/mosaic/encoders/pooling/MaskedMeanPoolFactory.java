package io.mosaic.encoders.pooling;

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

/** {@code masked-mean-pool}: the mean of a sequence over each sample's true length. */
@Component(service = EncoderFactory.class)
@MosaicComponent(kind = ComponentKind.ENCODER, name = "masked-mean-pool")
public final class MaskedMeanPoolFactory implements EncoderFactory {

    @Override
    public String description() {
        return "Pools a sequence to a vector by averaging the steps before each sample's length (zeros if none).";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.EMPTY;
    }

    @Override
    public Encoder create(Parameters parameters, FeatureShape input, BuildContext context) {
        Sequences.requireSequence("masked-mean-pool", input);
        return new MaskedMeanPool(input);
    }
}
