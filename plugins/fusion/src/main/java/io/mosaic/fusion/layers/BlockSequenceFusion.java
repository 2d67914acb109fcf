package io.mosaic.fusion.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.Scalars;
import io.mosaic.api.model.Taps;
import java.util.Map;

/**
 * Joins the input sequences [B, T_m, D] along time in input order and runs a {@link PreNormEncoder} over them. The
 * output is a sequence [B, ΣT_m, D] whose length is ΣT_m for every sample: block m stays at positions
 * offset(m) .. offset(m) + T_m − 1, so a pipeline splits it again by the known step counts; positions at or after
 * a block's own length are exactly 0. Records tap {@code attention}: the last layer's scaled logits
 * [B, h, ΣT, ΣT] with padding keys at -1e9 (a softmax over the last axis gives the attention of every real key).
 */
public final class BlockSequenceFusion extends Fusion {
    /** The tap holding the last layer's attention logits. */
    public static final String ATTENTION_TAP = "attention";

    private final BlockLayout layout;
    private final PreNormEncoder encoder;

    public BlockSequenceFusion(BlockLayout layout, PreNormEncoder encoder) {
        this.layout = layout;
        this.encoder = child("encoder", encoder);
    }

    @Override
    public FeatureShape output() {
        return FeatureShape.sequence(layout.total(), layout.dim());
    }

    @Override
    public Features forward(ParameterStore parameters, Map<String, Features> inputs, Taps taps, boolean training) {
        BlockLayout.Joined joined = layout.join(inputs);
        NDArray values = joined.values();
        SelfAttention.Attended encoded = encoder.forward(parameters, values,
                KeyPadding.of(joined.valid(), values.getDataType()), training);
        taps.put(ATTENTION_TAP, encoded.logits());
        NDArray out = Scalars.keepSteps(encoded.values(), joined.valid());
        long batch = values.getShape().get(0);
        NDArray lengths = values.getManager().full(new Shape(batch), layout.total(),
                DataType.INT64);
        return Features.sequence(out, lengths);
    }
}
