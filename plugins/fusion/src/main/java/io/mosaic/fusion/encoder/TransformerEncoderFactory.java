package io.mosaic.fusion.encoder;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.EncoderFactory;
import io.mosaic.api.model.FeatureShape;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * {@code transformer-encoder}: torch's nn.TransformerEncoder (ReLU) over one modality's sequence, keeping its width
 * (SATI's audio and vision encoders: one post-LN layer, d_model = the raw width, FFN 2048, dropout 0.1). It lives
 * in the fusion bundle because it is built from this bundle's attention layers ({@code io.mosaic.fusion.layers}).
 */
@Component(service = EncoderFactory.class)
@MosaicComponent(kind = ComponentKind.ENCODER, name = "transformer-encoder")
public final class TransformerEncoderFactory implements EncoderFactory {
    private static final ParameterSchema SCHEMA = ParameterSchema.builder()
            .integer("layers", 1, 1, null, "The number of Transformer encoder layers.")
            .integer("heads", 1, 1, null, "The number of attention heads; it must divide the input width.")
            .integer("ffn", 2048, 1, null, "The width of the feed-forward hidden layer (torch's dim_feedforward).")
            .real("dropout", 0.1, 0.0, 0.99, "The dropout rate on the attention weights, after the feed-forward "
                    + "ReLU and on each sub-layer's output before the residual sum.")
            .choice("norm", "post", List.of("post", "pre"), "Where the LayerNorms sit: post (after each residual "
                    + "sum, torch's default) or pre (before each sub-layer, norm_first).")
            .choice("positions", "none", List.of("none", "sinusoidal"), "Whether sinusoidal position codes are "
                    + "added to the input (x + pe) before the first layer.")
            .build();

    @Override
    public String description() {
        return "Transformer encoder layers (self-attention and feed-forward, post- or pre-LN) over a sequence; "
                + "padding steps are masked as keys; the output keeps the width and the lengths.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Encoder create(Parameters parameters, FeatureShape input, BuildContext context) {
        if (!input.isSequence()) {
            throw new IllegalArgumentException("transformer-encoder attends over a sequence, but its input is a "
                    + "pooled vector " + input + "; place it before any pooling encoder");
        }
        Options options = new Options(parameters.integer("layers"), parameters.integer("heads"),
                parameters.integer("ffn"), parameters.real("dropout"), parameters.string("norm").equals("pre"),
                parameters.string("positions").equals("sinusoidal"));
        if (input.dim() % options.heads() != 0) {
            throw new IllegalArgumentException("transformer-encoder: heads " + options.heads()
                    + " must divide the input width " + input.dim());
        }
        return new TransformerEncoder(input, options, context);
    }

    /** The settings read from the parameters. */
    record Options(int layers, int heads, int ffn, double dropout, boolean preNorm, boolean positions) {
    }
}
