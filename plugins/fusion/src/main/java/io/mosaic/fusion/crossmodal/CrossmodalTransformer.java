package io.mosaic.fusion.crossmodal;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Module;
import io.mosaic.api.model.Temporaries;
import io.mosaic.fusion.layers.KeyPadding;
import io.mosaic.fusion.layers.LayerNormalization;
import java.util.ArrayList;
import java.util.List;

/**
 * A crossmodal transformer β → α (MulT's eq. 4): the target X_α and the source X_β are each embedded (x·√D + pe,
 * {@link ScaledPositions}) and dropped out (the source twice, once for the keys and once for the values, as the
 * official code does); then the {@link CrossmodalLayer}s, every one reading the same embedded source; then a final
 * LayerNorm. The output keeps the target's steps, [B, T_α, D].
 */
final class CrossmodalTransformer extends Module {
    private final ScaledPositions positions;
    private final float embedDropout;
    private final List<CrossmodalLayer> layers = new ArrayList<>();
    private final LayerNormalization norm;

    /** @param settings the layers' settings, with the attention dropout of this transformer's source */
    CrossmodalTransformer(int dim, ScaledPositions positions, CrossmodalSettings settings, double attentionDropout,
                          BuildContext context) {
        this.positions = positions;
        this.embedDropout = (float) settings.embedDropout();
        for (int i = 0; i < settings.layers(); i++) {
            CrossmodalAttention attention = new CrossmodalAttention(dim, settings.heads(), attentionDropout,
                    context);
            layers.add(child("layer" + i, new CrossmodalLayer(dim, attention, settings.residualDropout(),
                    settings.reluDropout(), context)));
        }
        this.norm = child("norm", new LayerNormalization(dim, context));
    }

    /**
     * @param target X_α [B, T_α, D]
     * @param source X_β [B, T_β, D]
     * @param mask   which of the source's steps each target step may attend
     */
    NDArray forward(ParameterStore parameters, NDArray target, NDArray source, KeyPadding mask, boolean training) {
        NDArray x = dropout(positions.apply(target), training);
        NDArray embedded = positions.apply(source);
        NDArray keys = dropout(embedded, training);
        NDArray values = training && embedDropout > 0 ? dropout(embedded, training) : keys;
        for (CrossmodalLayer layer : layers) {
            NDArray input = x;
            x = Temporaries.released(() -> layer.forward(parameters, input, keys, values, mask, training));
        }
        return norm.forward(parameters, x, training);
    }

    private NDArray dropout(NDArray x, boolean training) {
        return Dropout.dropout(x, embedDropout, training).singletonOrThrow();
    }
}
