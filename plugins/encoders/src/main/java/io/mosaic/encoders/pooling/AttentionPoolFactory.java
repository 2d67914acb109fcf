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
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** {@code attention-pool}: CIDer's naive attention pooling, a learned softmax over each sample's valid steps. */
@Component(service = EncoderFactory.class)
@MosaicComponent(kind = ComponentKind.ENCODER, name = "attention-pool")
public final class AttentionPoolFactory implements EncoderFactory {
    /** The pooling weights [B, T]: a softmax over the valid steps, 0 on padding. */
    public static final String WEIGHTS_TAP = "weights";

    @Override
    public String description() {
        return "Pools a sequence to the sum of its valid steps weighted by a learned tanh scorer's softmax.";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.EMPTY;
    }

    @Override
    public Set<String> taps() {
        return Set.of(WEIGHTS_TAP);
    }

    @Override
    public Encoder create(Parameters parameters, FeatureShape input, BuildContext context) {
        Sequences.requireSequence("attention-pool", input);
        return new AttentionPool(input, context);
    }
}
