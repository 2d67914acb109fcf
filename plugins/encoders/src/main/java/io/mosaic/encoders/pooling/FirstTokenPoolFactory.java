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

/** {@code first-token-pool}: the value at each sample's first step (text: the [CLS] position). */
@Component(service = EncoderFactory.class)
@MosaicComponent(kind = ComponentKind.ENCODER, name = "first-token-pool")
public final class FirstTokenPoolFactory implements EncoderFactory {

    @Override
    public String description() {
        return "Pools a sequence to the vector at its first step (text: the [CLS] position, as Self-MM reads BERT); "
                + "zeros for a sample of length 0.";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.EMPTY;
    }

    @Override
    public Encoder create(Parameters parameters, FeatureShape input, BuildContext context) {
        Sequences.requireSequence("first-token-pool", input);
        return new FirstTokenPool(input);
    }
}
