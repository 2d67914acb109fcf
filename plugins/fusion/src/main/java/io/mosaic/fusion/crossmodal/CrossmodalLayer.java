package io.mosaic.fusion.crossmodal;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Module;
import io.mosaic.fusion.layers.FeedForward;
import io.mosaic.fusion.layers.KeyPadding;
import io.mosaic.fusion.layers.LayerNormalization;

/**
 * One crossmodal transformer layer (MulT's eq. 4; the official {@code TransformerEncoderLayer} with a source), pre-LN
 * with one LayerNorm for the target and the source alike:
 * <pre>
 * Z = X + dropout_res(CM(LN0(X), LN0(K), LN0(V)))
 * Y = Z + dropout_res(fc2(dropout_relu(ReLU(fc1(LN1(Z))))))        fc1: D → 4D, fc2: 4D → D
 * </pre>
 */
final class CrossmodalLayer extends Module {
    private final LayerNormalization norm0;
    private final CrossmodalAttention attention;
    private final LayerNormalization norm1;
    private final FeedForward feedForward;
    private final float residualDropout;

    CrossmodalLayer(int dim, CrossmodalAttention attention, double residualDropout, double reluDropout,
                    BuildContext context) {
        this.norm0 = child("norm0", new LayerNormalization(dim, context));
        this.attention = child("attention", attention);
        this.norm1 = child("norm1", new LayerNormalization(dim, context));
        this.feedForward = child("feedForward", new FeedForward(dim, reluDropout, context));
        this.residualDropout = (float) residualDropout;
    }

    /**
     * @param target X [B, T_q, D]
     * @param keys   the source that gives the keys [B, T_k, D]
     * @param values the source that gives the values [B, T_k, D]; the same array as {@code keys} when no dropout
     *               set them apart
     */
    NDArray forward(ParameterStore parameters, NDArray target, NDArray keys, NDArray values, KeyPadding mask,
                    boolean training) {
        NDArray normalisedKeys = norm0.forward(parameters, keys, training);
        NDArray normalisedValues = values == keys ? normalisedKeys : norm0.forward(parameters, values, training);
        NDArray attended = attention.forward(parameters, norm0.forward(parameters, target, training),
                normalisedKeys, normalisedValues, mask, training);
        NDArray z = target.add(Dropout.dropout(attended, residualDropout, training).singletonOrThrow());
        NDArray transformed = feedForward.forward(parameters, norm1.forward(parameters, z, training), training);
        return z.add(Dropout.dropout(transformed, residualDropout, training).singletonOrThrow());
    }
}
