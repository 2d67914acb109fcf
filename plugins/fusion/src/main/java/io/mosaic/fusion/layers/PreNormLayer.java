package io.mosaic.fusion.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Module;

/**
 * One pre-LN Transformer layer: x ← x + dropout(attention(LN0(x))), then x ← x + dropout(FFN(LN1(x))), the residual
 * dropout active in training passes only.
 */
public final class PreNormLayer extends Module {
    private final LayerNormalization norm0;
    private final SelfAttention attention;
    private final LayerNormalization norm1;
    private final FeedForward feedForward;
    private final float residualDropout;

    public PreNormLayer(int dim, SelfAttention attention, double residualDropout, double reluDropout,
                        BuildContext context) {
        this.norm0 = child("norm0", new LayerNormalization(dim, context));
        this.attention = child("attention", attention);
        this.norm1 = child("norm1", new LayerNormalization(dim, context));
        this.feedForward = child("feedForward", new FeedForward(dim, reluDropout, context));
        this.residualDropout = (float) residualDropout;
    }

    public SelfAttention.Attended forward(ParameterStore parameters, NDArray x, KeyPadding padding,
                                          boolean training) {
        SelfAttention.Attended attended = attention.forward(parameters, norm0.forward(parameters, x, training),
                padding, training);
        NDArray y = x.add(Dropout.dropout(attended.values(), residualDropout, training).singletonOrThrow());
        NDArray transformed = feedForward.forward(parameters, norm1.forward(parameters, y, training), training);
        NDArray out = y.add(Dropout.dropout(transformed, residualDropout, training).singletonOrThrow());
        return new SelfAttention.Attended(out, attended.logits());
    }
}
