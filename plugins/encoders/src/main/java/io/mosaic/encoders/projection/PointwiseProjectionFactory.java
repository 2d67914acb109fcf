package io.mosaic.encoders.projection;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.EncoderFactory;
import io.mosaic.api.model.FeatureShape;
import java.util.List;
import java.util.function.UnaryOperator;
import org.osgi.service.component.annotations.Component;

/**
 * {@code pointwise-projection}: a per-time-step linear map to {@code dim} features (CIDer's Conv1d, k=1), optionally
 * followed by an activation and a LayerNorm (SATI's projection Linear, ReLU, LayerNorm; its E_I and E_S Linear,
 * Sigmoid).
 */
@Component(service = EncoderFactory.class)
@MosaicComponent(kind = ComponentKind.ENCODER, name = "pointwise-projection")
public final class PointwiseProjectionFactory implements EncoderFactory {
    private static final ParameterSchema SCHEMA = ParameterSchema.builder()
            .integer("dim", null, 1, null, "The number of output features per time step.")
            .bool("bias", false, "Whether the map adds a learned bias (CIDer's projection has none).")
            .choice("activation", "none", List.of("none", "relu", "sigmoid", "tanh"),
                    "The activation after the linear map (SATI's projection: relu; its shared and private "
                    + "encoders: sigmoid).")
            .bool("layer-norm", false, "Whether a LayerNorm over the output features follows the activation "
                    + "(SATI's projection has one).")
            .build();

    @Override
    public String description() {
        return "Maps every time step (or a pooled vector) to dim features with one shared linear map, optionally "
                + "followed by an activation and a LayerNorm.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Encoder create(Parameters parameters, FeatureShape input, BuildContext context) {
        return new PointwiseProjection(input, parameters.integer("dim"), parameters.bool("bias"),
                activation(parameters.string("activation")), parameters.bool("layer-norm"), context);
    }

    private static UnaryOperator<NDArray> activation(String name) {
        return switch (name) {
            case "relu" -> Activation::relu;
            case "sigmoid" -> Activation::sigmoid;
            case "tanh" -> Activation::tanh;
            case "none" -> UnaryOperator.identity();
            default -> throw new IllegalArgumentException("pointwise-projection: unknown activation '" + name + "'");
        };
    }
}
