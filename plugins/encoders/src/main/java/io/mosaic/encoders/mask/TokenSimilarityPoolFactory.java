package io.mosaic.encoders.mask;

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

/**
 * {@code token-similarity-pool}: S2LIF's pooling of masked tokens weighted by a softmax, over the valid tokens, of
 * their dot product with the preceding feature-mask's m (eq. 14–15).
 */
@Component(service = EncoderFactory.class)
@MosaicComponent(kind = ComponentKind.ENCODER, name = TokenSimilarityPoolFactory.NAME)
public final class TokenSimilarityPoolFactory implements EncoderFactory {
    static final String NAME = "token-similarity-pool";
    /** The pooling weights [B, T]: a softmax of m · x_c,j over the valid tokens, 0 on padding. */
    public static final String WEIGHTS_TAP = "weights";

    @Override
    public String description() {
        return "Pools a masked sequence to the sum of its valid tokens weighted by the softmax of their dot product "
                + "with the filtering vector m of the feature-mask before it in the chain.";
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
    public Set<String> chainTaps() {
        return Set.of(FeatureMaskFactory.MASK_TAP);
    }

    @Override
    public Encoder create(Parameters parameters, FeatureShape input, BuildContext context) {
        Sequences.requireSequence(NAME, input);
        return new TokenSimilarityPool(input);
    }
}
