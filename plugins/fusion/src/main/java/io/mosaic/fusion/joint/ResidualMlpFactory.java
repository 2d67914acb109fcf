package io.mosaic.fusion.joint;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.FusionFactory;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** {@code residual-mlp}: CIDer's joint representation, concatenated pooled vectors plus a residual MLP. */
@Component(service = FusionFactory.class)
@MosaicComponent(kind = ComponentKind.FUSION, name = "residual-mlp")
public final class ResidualMlpFactory implements FusionFactory {
    private static final ParameterSchema SCHEMA = ParameterSchema.builder()
            .real("dropout", 0.0, 0.0, 0.99, "The dropout rate after the first layer's ReLU (CIDer's out_dropout).")
            .build();

    @Override
    public String description() {
        return "Concatenates the pooled inputs and adds a two-layer ReLU perceptron of the same width to them.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Fusion create(Parameters parameters, Map<String, FeatureShape> inputs, BuildContext context) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("residual-mlp needs at least one input, found none");
        }
        int width = 0;
        for (Map.Entry<String, FeatureShape> input : inputs.entrySet()) {
            if (input.getValue().isSequence()) {
                throw new IllegalArgumentException("residual-mlp joins pooled vectors, but input '" + input.getKey()
                        + "' is a sequence " + input.getValue() + "; end its encoder chain with a pooling encoder "
                        + "(masked-mean-pool, last-step-pool or attention-pool)");
            }
            width += input.getValue().dim();
        }
        return new ResidualMlpFusion(List.copyOf(inputs.keySet()), width, parameters.real("dropout"), context);
    }
}
