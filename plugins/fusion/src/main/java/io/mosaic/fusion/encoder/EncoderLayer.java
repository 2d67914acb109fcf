package io.mosaic.fusion.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Module;
import io.mosaic.fusion.layers.FeedForward;
import io.mosaic.fusion.layers.KeyPadding;
import io.mosaic.fusion.layers.LayerNormalization;
import io.mosaic.fusion.layers.MultiHeadSelfAttention;
import io.mosaic.fusion.layers.SelfAttention.Attended;

/**
 * One layer of torch's nn.TransformerEncoderLayer (ReLU), with one dropout rate p on the attention weights, after the
 * feed-forward ReLU and on each sub-layer's output:
 * <pre>
 * post-LN (norm_first=False):  x ← LN1(x + drop(SA(x)));      x ← LN2(x + drop(FFN(x)))
 * pre-LN  (norm_first=True):   x ← x + drop(SA(LN1(x)));      x ← x + drop(FFN(LN2(x)))
 * </pre>
 */
final class EncoderLayer extends Module {
    private final MultiHeadSelfAttention attention;
    private final FeedForward feedForward;
    private final LayerNormalization norm1;
    private final LayerNormalization norm2;
    private final boolean preNorm;
    private final float dropout;

    EncoderLayer(int dim, int heads, int ffn, double dropout, boolean preNorm, BuildContext context) {
        this.attention = child("attention", new MultiHeadSelfAttention(dim, heads, dropout, context));
        this.feedForward = child("feedForward", new FeedForward(dim, ffn, dropout, context));
        this.norm1 = child("norm1", new LayerNormalization(dim, context));
        this.norm2 = child("norm2", new LayerNormalization(dim, context));
        this.preNorm = preNorm;
        this.dropout = (float) dropout;
    }

    /** @param x [B, T, D] */
    NDArray forward(ParameterStore parameters, NDArray x, KeyPadding padding, boolean training) {
        if (preNorm) {
            NDArray y = x.add(attend(parameters, norm1.forward(parameters, x, training), padding, training));
            return y.add(transform(parameters, norm2.forward(parameters, y, training), training));
        }
        NDArray y = norm1.forward(parameters, x.add(attend(parameters, x, padding, training)), training);
        return norm2.forward(parameters, y.add(transform(parameters, y, training)), training);
    }

    private NDArray attend(ParameterStore parameters, NDArray x, KeyPadding padding, boolean training) {
        Attended attended = attention.forward(parameters, x, padding, training);
        attended.logits().close(); // nothing here reads the [B, h, T, T] logits: freed before the feed-forward runs
        return Dropout.dropout(attended.values(), dropout, training).singletonOrThrow();
    }

    private NDArray transform(ParameterStore parameters, NDArray x, boolean training) {
        NDArray transformed = feedForward.forward(parameters, x, training);
        return Dropout.dropout(transformed, dropout, training).singletonOrThrow();
    }
}
