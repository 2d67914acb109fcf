package io.mosaic.fusion.crossmodal;

import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import java.util.Map;

/**
 * The settings of a {@code crossmodal} fusion, read from the parameters that {@link #declare} adds to a schema. The
 * defaults are the official code's ({@code main.py}; its width 30 is the inputs' width here).
 *
 * @param layers           the layers of each crossmodal transformer (the official {@code nlevels})
 * @param memoryLayers     the layers of each target's self-attention Transformer (the official code builds
 *                         max(nlevels, 3))
 * @param heads            the attention heads of every transformer
 * @param attentionDropout the attention dropout of the crossmodal transformers whose source is neither audio nor
 *                         vision (the text) and of the memories
 * @param sourceDropout    the attention dropout of the crossmodal transformers whose source is audio or vision
 * @param reluDropout      the dropout after each feed-forward ReLU
 * @param residualDropout  the dropout on each sub-layer's output before the residual sum
 * @param embedDropout     the dropout on each embedded sequence
 * @param futureMask       whether query t attends only keys j ≤ t + |T_k − T_q| (the official {@code attn_mask})
 * @param referenceQuirks  whether padding is attended and positioned as in the official code
 */
record CrossmodalSettings(int layers, int memoryLayers, int heads, double attentionDropout,
                          Map<String, Double> sourceDropout, double reluDropout, double residualDropout,
                          double embedDropout, boolean futureMask, boolean referenceQuirks) {
    static final String AUDIO = "audio";
    static final String VISION = "vision";

    static ParameterSchema.Builder declare(ParameterSchema.Builder schema) {
        return schema
                .integer("layers", 5, 1, null, "The layers of each crossmodal transformer (MulT's D, the "
                        + "official nlevels).")
                .integer("memory-layers", 5, 1, null, "The layers of the self-attention Transformer over each "
                        + "target's concatenated streams (the official code: max(nlevels, 3)).")
                .integer("heads", 5, 1, null, "The attention heads of every transformer; they must divide the "
                        + "inputs' width.")
                .real("attention-dropout", 0.1, 0.0, 0.99, "The attention dropout of the crossmodal transformers "
                        + "from text (any source but audio and vision) and of the self-attention Transformers.")
                .real("attention-dropout-audio", 0.0, 0.0, 0.99, "The attention dropout of the crossmodal "
                        + "transformers whose source is audio (the official attn_dropout_a).")
                .real("attention-dropout-vision", 0.0, 0.0, 0.99, "The attention dropout of the crossmodal "
                        + "transformers whose source is vision (the official attn_dropout_v).")
                .real("relu-dropout", 0.1, 0.0, 0.99, "The dropout after each feed-forward ReLU.")
                .real("residual-dropout", 0.1, 0.0, 0.99, "The dropout on each sub-layer's output before the "
                        + "residual sum.")
                .real("embed-dropout", 0.25, 0.0, 0.99, "The dropout on every embedded sequence (x·√D + pe).")
                .bool("future-mask", false, "Whether query step t may attend only key steps j ≤ t + |T_k − T_q|, "
                        + "the official code's default attn_mask (the paper masks nothing).")
                .bool("reference-quirks", false, "Reproduce the official code's padding: every step is attended "
                        + "and output, and a step whose first feature is 0 gets no position code.");
    }

    static CrossmodalSettings from(Parameters parameters) {
        return new CrossmodalSettings(parameters.integer("layers"), parameters.integer("memory-layers"),
                parameters.integer("heads"), parameters.real("attention-dropout"),
                Map.of(AUDIO, parameters.real("attention-dropout-audio"),
                        VISION, parameters.real("attention-dropout-vision")),
                parameters.real("relu-dropout"), parameters.real("residual-dropout"),
                parameters.real("embed-dropout"), parameters.bool("future-mask"),
                parameters.bool("reference-quirks"));
    }

    /** The attention dropout of a crossmodal transformer whose source is the input {@code source}. */
    double attentionDropout(String source) {
        return sourceDropout.getOrDefault(source, attentionDropout);
    }
}
