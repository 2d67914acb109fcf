package io.mosaic.fusion.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;
import io.mosaic.api.model.Temporaries;
import io.mosaic.fusion.layers.BlockLayout;
import io.mosaic.fusion.layers.KeyPadding;
import io.mosaic.fusion.layers.SinusoidalPositions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A stack of {@link EncoderLayer}s over one sequence [B, T, D], torch's nn.TransformerEncoder without a final norm:
 * optional sinusoidal positions (x + pe), then the layers, every padding step masked as a key. The output keeps the
 * width and the lengths; its padding steps are 0, and whatever the input holds there (NaN included) reaches no valid
 * step.
 */
final class TransformerEncoder extends Encoder {
    private final FeatureShape shape;
    private final UnaryOperator<NDArray> positions;
    private final List<EncoderLayer> layers = new ArrayList<>();

    TransformerEncoder(FeatureShape shape, TransformerEncoderFactory.Options options, BuildContext context) {
        this.shape = shape;
        this.positions = options.positions()
                ? new SinusoidalPositions(BlockLayout.of("transformer-encoder", Map.of("input", shape)), false)::apply
                : UnaryOperator.identity();
        for (int i = 0; i < options.layers(); i++) {
            layers.add(child("layer" + i, new EncoderLayer(shape.dim(), options.heads(), options.ffn(),
                    options.dropout(), options.preNorm(), context)));
        }
    }

    @Override
    public FeatureShape output() {
        return shape;
    }

    @Override
    public Features forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
        NDArray values = input.values();
        NDArray valid = input.mask();
        NDArray h = positions.apply(input.paddingZeroed(valid));
        KeyPadding padding = KeyPadding.of(valid, values.getDataType());
        for (EncoderLayer layer : layers) {
            NDArray before = h;
            h = Temporaries.released(() -> layer.forward(parameters, before, padding, training));
        }
        return input.withValuesPaddingZeroed(h, valid);
    }
}
