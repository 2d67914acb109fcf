package io.mosaic.fusion.layers;

import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;

/**
 * The settings of a {@link PreNormEncoder}, read from the parameters that {@link #declare} adds to a schema.
 *
 * @param layers           the number of layers
 * @param heads            the number of attention heads (the width must be a multiple)
 * @param attentionDropout the dropout rate on attention weights
 * @param residualDropout  the dropout rate on each sub-layer's output before the residual sum
 * @param reluDropout      the dropout rate after the feed-forward ReLU
 * @param embedDropout     the dropout rate on the input after the positional encoding
 * @param positions        whether the input gets sinusoidal position codes
 * @param scaleInput       whether the input is scaled by √D before the codes are added (MulT); CIDer's official
 *                         code adds the codes only
 */
public record EncoderOptions(int layers, int heads, double attentionDropout, double residualDropout,
                             double reluDropout, double embedDropout, boolean positions, boolean scaleInput) {

    /** Adds the encoder's parameters to {@code schema}. */
    public static ParameterSchema.Builder declare(ParameterSchema.Builder schema) {
        return schema
                .integer("layers", 2, 1, null, "The number of pre-LN Transformer layers.")
                .integer("heads", 4, 1, null, "The number of attention heads; the input width must be a multiple.")
                .real("attention-dropout", 0.0, 0.0, 0.99, "The dropout rate on the attention weights.")
                .real("residual-dropout", 0.1, 0.0, 0.99, "The dropout rate on each sub-layer's output before "
                        + "the residual sum.")
                .real("relu-dropout", 0.1, 0.0, 0.99, "The dropout rate after the feed-forward ReLU.")
                .real("embed-dropout", 0.0, 0.0, 0.99, "The dropout rate on the input after the positional "
                        + "encoding.")
                .bool("positions", true, "Whether to add sinusoidal position codes that restart at 0 in every "
                        + "input (x + pe, as CIDer's official code does); false leaves the input as it is.")
                .bool("scale-input", false, "Whether to scale the input by √D before the position codes are added "
                        + "(x·√D + pe, as MulT embeds a sequence); only with positions.");
    }

    public static EncoderOptions from(Parameters parameters) {
        return new EncoderOptions(parameters.integer("layers"), parameters.integer("heads"),
                parameters.real("attention-dropout"), parameters.real("residual-dropout"),
                parameters.real("relu-dropout"), parameters.real("embed-dropout"), parameters.bool("positions"),
                parameters.bool("scale-input"));
    }
}
