package io.mosaic.fusion.head;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Head;
import io.mosaic.api.model.HeadFactory;
import java.util.List;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Component;

/** {@code mlp}: a multilayer perceptron head over a pooled vector. */
@Component(service = HeadFactory.class)
@MosaicComponent(kind = ComponentKind.HEAD, name = "mlp")
public final class MlpHeadFactory implements HeadFactory {
    private static final ParameterSchema SCHEMA = ParameterSchema.builder()
            .integers("hidden", List.of(64), 1, null,
                    "The widths of the hidden layers; an empty list makes the head a single linear layer.")
            .real("dropout", 0.1, 0.0, 0.99, "The dropout rate after each hidden layer's activation.")
            .choice("activation", "relu", List.of("relu", "tanh", "gelu"),
                    "The activation after each hidden layer.")
            .build();

    @Override
    public String description() {
        return "Maps a pooled vector to the task's outputs with hidden Linear, activation and dropout layers.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Head create(Parameters parameters, FeatureShape input, int outputs, BuildContext context) {
        if (input.isSequence()) {
            throw new IllegalArgumentException("mlp needs a pooled vector input, found a sequence " + input
                    + "; end the chain before the head with a pooling encoder (masked-mean-pool or last-step-pool)");
        }
        if (outputs < 1) {
            throw new IllegalArgumentException("mlp needs at least one output, found " + outputs);
        }
        return new MlpHead(input.dim(), parameters.integers("hidden"), activation(parameters.string("activation")),
                parameters.real("dropout"), outputs, context);
    }

    private static Supplier<Block> activation(String name) {
        return switch (name) {
            case "relu" -> Activation::reluBlock;
            case "tanh" -> Activation::tanhBlock;
            case "gelu" -> Activation::geluBlock;
            default -> throw new IllegalArgumentException("unknown activation '" + name + "'; expected relu, tanh "
                    + "or gelu");
        };
    }
}
