package io.mosaic.fusion.concat;

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

/** {@code concat}: late fusion by concatenating pooled vectors. */
@Component(service = FusionFactory.class)
@MosaicComponent(kind = ComponentKind.FUSION, name = "concat")
public final class ConcatFactory implements FusionFactory {

    @Override
    public String description() {
        return "Concatenates the pooled vector of every input, in the order given, into one vector.";
    }

    @Override
    public ParameterSchema parameters() {
        return ParameterSchema.EMPTY;
    }

    @Override
    public Fusion create(Parameters parameters, Map<String, FeatureShape> inputs, BuildContext context) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("concat needs at least one input, found none");
        }
        int width = 0;
        for (Map.Entry<String, FeatureShape> input : inputs.entrySet()) {
            if (input.getValue().isSequence()) {
                throw new IllegalArgumentException("concat joins pooled vectors, but input '" + input.getKey()
                        + "' is a sequence " + input.getValue() + "; end its encoder chain with a pooling encoder "
                        + "(masked-mean-pool or last-step-pool)");
            }
            width += input.getValue().dim();
        }
        return new ConcatFusion(List.copyOf(inputs.keySet()), width);
    }
}
