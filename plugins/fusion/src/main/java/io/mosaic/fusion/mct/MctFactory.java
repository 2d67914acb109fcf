package io.mosaic.fusion.mct;

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
import io.mosaic.fusion.layers.PreNormEncoder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * {@code mct}: CIDer's Multimodal Composite Transformer. It takes 1 to 3 sequence inputs ("blocks") [B, T_m, D] of
 * one width, joins them along time in input order into [B, ΣT_m, D] and runs pre-LN layers whose attention is
 * {@link MultimodalCompositeAttention} (every non-empty subset of the blocks attends within itself; the results are
 * merged per block), then a final LayerNorm. The output is [B, ΣT_m, D] with length ΣT_m for every sample; block m
 * keeps its positions, so a pipeline splits the output by the blocks' step counts. Padding keys are never attended
 * and padding positions of the output are 0. Tap {@code attention}: the last layer's scaled logits [B, h, ΣT, ΣT],
 * padding keys at -1e9.
 */
@Component(service = FusionFactory.class)
@MosaicComponent(kind = ComponentKind.FUSION, name = "mct")
public final class MctFactory implements FusionFactory {
    /** Variants grow as 2^n − 1: CIDer has three modalities. */
    private static final int MAX_BLOCKS = 3;

    private static final ParameterSchema SCHEMA = EncoderOptions.declare(ParameterSchema.builder())
            .choice("attention", "blocked", List.of("blocked", "dense"),
                    "How the attention variants are computed, with equal results: blocked computes only the "
                            + "logits each variant allows (faster); dense masks the whole matrix per variant, "
                            + "as the reference code does.")
            .build();

    @Override
    public String description() {
        return "Multimodal Composite Transformer (CIDer): joins 1 to 3 sequences of one width along time in input "
                + "order and runs pre-LN layers of composite attention (every subset of the inputs attends within "
                + "itself, merged per input); the output is [B, ΣT, D] with every length ΣT, each input at its "
                + "own positions, padding 0.";
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
        if (inputs.size() > MAX_BLOCKS) {
            throw new IllegalArgumentException("mct takes 1 to " + MAX_BLOCKS + " sequence inputs, found "
                    + inputs.size() + " " + inputs.keySet());
        }
        BlockLayout layout = BlockLayout.of("mct", inputs);
        EncoderOptions options = EncoderOptions.from(parameters);
        double dropout = options.attentionDropout();
        VariantAttention attention = switch (parameters.string("attention")) {
            case "blocked" -> new BlockedVariantAttention(dropout);
            case "dense" -> new DenseVariantAttention(dropout);
            default -> throw new IllegalArgumentException("unknown attention '" + parameters.string("attention")
                    + "'; expected blocked or dense");
        };
        PreNormEncoder encoder = new PreNormEncoder(layout, options,
                () -> new MultimodalCompositeAttention(layout, options.heads(), attention, context), context);
        return new BlockSequenceFusion(layout, encoder);
    }
}
