package io.mosaic.fusion.crossmodal;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.FusionFactory;
import io.mosaic.fusion.layers.BlockLayout;
import io.mosaic.fusion.layers.EncoderOptions;
import io.mosaic.fusion.layers.MultiHeadSelfAttention;
import io.mosaic.fusion.layers.PreNormEncoder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.osgi.service.component.annotations.Component;

/**
 * {@code crossmodal}: MulT's fusion (Tsai et al., 2019). Inputs: two or more sequences [B, T_m, D] of one width D
 * (the modalities, projected), of any lengths. For each input as the target, a crossmodal transformer from each other
 * input and a self-attention Transformer over their concatenation; output [B, ΣT_m, (M − 1)·D], the targets' fused
 * sequences one after the other in input order, each at its input's positions, padding 0.
 */
@Component(service = FusionFactory.class)
@MosaicComponent(kind = ComponentKind.FUSION, name = "crossmodal")
public final class CrossmodalFactory implements FusionFactory {
    private static final ParameterSchema SCHEMA = CrossmodalSettings.declare(ParameterSchema.builder()).build();

    /** The child that carries {@code source} into {@code target}: {@code <target>-from-<source>}. */
    static String streamName(String target, String source) {
        return target + "-from-" + source;
    }

    /** The child that is {@code target}'s self-attention Transformer: {@code <target>-memory}. */
    static String memoryName(String target) {
        return target + "-memory";
    }

    @Override
    public String description() {
        return "MulT's crossmodal transformers: each input attended by every other, then a self-attention "
                + "Transformer over each target's streams; the output is [B, ΣT, (M − 1)·D], the targets one after "
                + "the other, padding 0.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Fusion create(Parameters parameters, Map<String, FeatureShape> inputs, BuildContext context) {
        BlockLayout layout = BlockLayout.of("crossmodal", inputs);
        if (layout.blocks() < 2) {
            throw new IllegalArgumentException("crossmodal needs at least two sequence inputs (a target and a "
                    + "source), found " + inputs.keySet());
        }
        CrossmodalSettings settings = CrossmodalSettings.from(parameters);
        int dim = layout.dim();
        if (dim < ScaledPositions.MIN_WIDTH || dim % settings.heads() != 0) {
            throw new IllegalArgumentException("crossmodal: the inputs' width " + dim + " must be at least "
                    + ScaledPositions.MIN_WIDTH + " and a multiple of heads " + settings.heads());
        }
        int longest = IntStream.range(0, layout.blocks()).map(layout::steps).max().orElseThrow();
        ScaledPositions positions = new ScaledPositions(longest, dim, settings.referenceQuirks());
        int memoryWidth = (layout.blocks() - 1) * dim;
        ScaledPositions memoryPositions = new ScaledPositions(longest, memoryWidth, settings.referenceQuirks());
        EncoderOptions memoryOptions = new EncoderOptions(settings.memoryLayers(), settings.heads(),
                settings.attentionDropout(), settings.residualDropout(), settings.reluDropout(),
                settings.embedDropout(), false, false);
        Map<String, Map<String, CrossmodalTransformer>> streams = new LinkedHashMap<>();
        Map<String, PreNormEncoder> memories = new LinkedHashMap<>();
        for (int target = 0; target < layout.blocks(); target++) {
            Map<String, CrossmodalTransformer> fromSources = new LinkedHashMap<>();
            for (int source = 0; source < layout.blocks(); source++) {
                if (source != target) {
                    String name = layout.name(source);
                    fromSources.put(name, new CrossmodalTransformer(dim, positions, settings,
                            settings.attentionDropout(name), context));
                }
            }
            String name = layout.name(target);
            streams.put(name, fromSources);
            BlockLayout memory = BlockLayout.of("crossmodal",
                    Map.of(name, FeatureShape.sequence(layout.steps(target), memoryWidth)));
            memories.put(name, new PreNormEncoder(memory, memoryOptions, () -> new MultiHeadSelfAttention(
                    memoryWidth, settings.heads(), settings.attentionDropout(), context), context));
        }
        return new CrossmodalFusion(layout, streams, memories, memoryPositions, settings);
    }
}
