package io.mosaic.fusion.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Module;
import io.mosaic.api.model.Temporaries;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A stack of {@link PreNormLayer}s over the joined blocks: optional positions (x + pe, or x·√D + pe), embedding
 * dropout, the layers, then a final LayerNorm. It returns the last layer's attention logits with its output.
 */
public final class PreNormEncoder extends Module {
    private final UnaryOperator<NDArray> embedding;
    private final float embedDropout;
    private final List<PreNormLayer> layers = new ArrayList<>();
    private final LayerNormalization norm;

    /** @param attention makes one layer's attention sub-layer; called once per layer */
    public PreNormEncoder(BlockLayout layout, EncoderOptions options, Supplier<SelfAttention> attention,
                          BuildContext context) {
        this.embedding = options.positions() ? new SinusoidalPositions(layout, options.scaleInput())::apply : UnaryOperator.identity();
        this.embedDropout = (float) options.embedDropout();
        for (int i = 0; i < options.layers(); i++) {
            layers.add(child("layer" + i, new PreNormLayer(layout.dim(), attention.get(), options.residualDropout(),
                    options.reluDropout(), context)));
        }
        this.norm = child("norm", new LayerNormalization(layout.dim(), context));
    }

    /** @param x [B, ΣT, D], the joined blocks */
    public SelfAttention.Attended forward(ParameterStore parameters, NDArray x, KeyPadding padding,
                                          boolean training) {
        NDArray h = Dropout.dropout(embedding.apply(x), embedDropout, training).singletonOrThrow();
        NDArray logits = null;
        for (PreNormLayer layer : layers) {
            NDArray input = h;
            SelfAttention.Attended attended = Temporaries.released(
                    () -> layer.forward(parameters, input, padding, training),
                    kept -> List.of(kept.values(), kept.logits()));
            h = attended.values();
            if (logits != null) {
                logits.close();
            }
            logits = attended.logits();
        }
        return new SelfAttention.Attended(norm.forward(parameters, h, training), logits);
    }
}
