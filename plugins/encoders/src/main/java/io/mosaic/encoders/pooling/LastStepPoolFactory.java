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

/** {@code last-step-pool}: the value at each sample's last valid step. */
@Component(service = EncoderFactory.class)
@MosaicComponent(kind = ComponentKind.ENCODER, name = "last-step-pool")
public final class LastStepPoolFactory implements EncoderFactory {

    @Override
    public String description() {
        return "Pools a sequence to the vector at each sample's last valid step (after a GRU: its final state).";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.EMPTY;
    }

    @Override
    public Encoder create(Parameters parameters, FeatureShape input, BuildContext context) {
        Sequences.requireSequence("last-step-pool", input);
        return new LastStepPool(input);
    }
}
