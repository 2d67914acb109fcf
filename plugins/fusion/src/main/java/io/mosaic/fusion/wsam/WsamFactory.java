package io.mosaic.fusion.wsam;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.FusionFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** {@code wsam}: CIDer's word-level self-aligned attention of text over one other modality. */
@Component(service = FusionFactory.class)
@MosaicComponent(kind = ComponentKind.FUSION, name = "wsam")
public final class WsamFactory implements FusionFactory {
    /** The attention weights after masking, [B, heads, T_query, T_context]. */
    public static final String ATTENTION_TAP = "attention";

    private static final ParameterSchema SCHEMA = ParameterSchema.builder()
            .integer("heads", 1, 1, null, "The number of attention heads; it must divide the width.")
            .real("attention-dropout", 0.0, 0.0, 0.99, "The dropout rate on the attention weights.")
            .bool("special-tokens", true,
                    "Whether the text holds [CLS] first and [SEP] last, which then attend to nothing.")
            .build();

    @Override
    public String description() {
        return "Aligns one modality's frames to the text's words: each word attends to the valid frames.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Set<String> taps() {
        return Set.of(ATTENTION_TAP);
    }

    /** @param inputs exactly two sequences of one width: the text (query) first, then the context */
    @Override
    public Fusion create(Parameters parameters, Map<String, FeatureShape> inputs, BuildContext context) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException("wsam needs exactly two sequence inputs, the text (query) then the "
                    + "modality it attends to (context), found " + inputs.size() + ": " + inputs.keySet());
        }
        List<String> names = List.copyOf(inputs.keySet());
        for (String name : names) {
            FeatureShape shape = inputs.get(name);
            if (!shape.isSequence()) {
                throw new IllegalArgumentException("wsam attends over sequences, but input '" + name
                        + "' is a pooled vector " + shape + "; place wsam before any pooling encoder");
            }
        }
        FeatureShape query = inputs.get(names.get(0));
        FeatureShape attended = inputs.get(names.get(1));
        if (query.dim() != attended.dim()) {
            throw new IllegalArgumentException("wsam needs both inputs of one width, found '" + names.get(0) + "' "
                    + query + " and '" + names.get(1) + "' " + attended + "; project them to the same dim first");
        }
        int heads = parameters.integer("heads");
        if (query.dim() % heads != 0) {
            throw new IllegalArgumentException("wsam's heads must divide the width " + query.dim() + ", found "
                    + heads + " heads");
        }
        return new WsamFusion(names.get(0), names.get(1), query, heads, parameters.real("attention-dropout"),
                parameters.bool("special-tokens"), context);
    }
}
