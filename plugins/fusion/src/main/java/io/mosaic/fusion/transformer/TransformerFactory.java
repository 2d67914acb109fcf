package io.mosaic.fusion.transformer;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.FusionFactory;
import io.mosaic.fusion.layers.BlockLayout;
import io.mosaic.fusion.layers.BlockSequenceFusion;
import io.mosaic.fusion.layers.EncoderOptions;
import io.mosaic.fusion.layers.MultiHeadSelfAttention;
import io.mosaic.fusion.layers.PreNormEncoder;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * {@code transformer}: a plain pre-LN Transformer encoder with the contract of {@code mct} (so that it can replace it
 * in an ablation). It joins the sequence inputs [B, T_m, D] of one width along time in input order into
 * [B, ΣT_m, D] and runs layers of multi-head self-attention over all real positions and a feed-forward block, then a
 * final LayerNorm. The output is [B, ΣT_m, D] with length ΣT_m for every sample, each input at its own positions,
 * padding positions 0. Tap {@code attention}: the last layer's scaled logits [B, h, ΣT, ΣT], padding keys at -1e9.
 */
@Component(service = FusionFactory.class)
@MosaicComponent(kind = ComponentKind.FUSION, name = "transformer")
public final class TransformerFactory implements FusionFactory {
    private static final ParameterSchema SCHEMA = EncoderOptions.declare(ParameterSchema.builder()).build();

    @Override
    public String description() {
        return "Transformer encoder over the inputs joined along time in input order (pre-LN multi-head "
                + "self-attention); the output is [B, ΣT, D] with every length ΣT, each input at its own "
                + "positions, padding 0.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Set<String> taps() {
        return Set.of(BlockSequenceFusion.ATTENTION_TAP);
    }

    @Override
    public Fusion create(Parameters parameters, Map<String, FeatureShape> inputs, BuildContext context) {
        BlockLayout layout = BlockLayout.of("transformer", inputs);
        EncoderOptions options = EncoderOptions.from(parameters);
        PreNormEncoder encoder = new PreNormEncoder(layout, options, () -> new MultiHeadSelfAttention(layout.dim(),
                options.heads(), options.attentionDropout(), context), context);
        return new BlockSequenceFusion(layout, encoder);
    }
}
