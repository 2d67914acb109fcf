package io.mosaic.fusion.semantic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Module;
import io.mosaic.fusion.layers.KeyPadding;
import io.mosaic.fusion.layers.LayerNormalization;

/**
 * One stream of the semantic-guided fusion: y = LN(CA(T, S_m) · gate(I_m, I_t) + T), with T the positioned private
 * text, S_m the positioned private codes of modality m and I the shared codes. Without a gate the factor is 1.
 */
final class GatedStream extends Module {
    private final CrossAttention attention;
    private final FbpGate gate;
    private final LayerNormalization norm;

    /** @param gate the stream's gate, or null for none */
    GatedStream(CrossAttention attention, FbpGate gate, int width, BuildContext context) {
        this.attention = child("attention", attention);
        this.gate = gate == null ? null : child("gate", gate);
        this.norm = child("norm", new LayerNormalization(width, context));
    }

    /** The stream's gate, or null when it has none. */
    FbpGate gate() {
        return gate;
    }

    /**
     * @param text       T [B, T, H], positioned
     * @param other      S_m [B, T', H], positioned
     * @param padding    which of S_m's steps are real
     * @param shared     I_m [B, T, H]
     * @param sharedText I_t [B, T, H]
     */
    Gated forward(ParameterStore parameters, NDArray text, NDArray other, KeyPadding padding, NDArray shared,
                  NDArray sharedText, boolean training) {
        NDArray attended = attention.forward(parameters, text, other, padding, training);
        if (gate == null) {
            Shape shape = text.getShape();
            NDArray ones = text.getManager().ones(new Shape(shape.get(0), shape.get(1)), text.getDataType());
            return new Gated(norm.forward(parameters, attended.add(text), training), ones);
        }
        NDArray factor = gate.forward(parameters, shared, sharedText, training);
        return new Gated(norm.forward(parameters, attended.mul(factor).add(text), training), factor.squeeze(2));
    }

    /**
     * @param values the stream's output [B, T, H]
     * @param gate   the factor per step [B, T]
     */
    record Gated(NDArray values, NDArray gate) {
    }
}
