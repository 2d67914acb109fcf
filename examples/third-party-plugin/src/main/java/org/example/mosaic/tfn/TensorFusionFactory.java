package org.example.mosaic.tfn;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.FusionFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** {@code tensor-fusion}: the outer product of the pooled modalities, each extended by a constant 1, then a layer. */
@Component(service = FusionFactory.class)
@MosaicComponent(kind = ComponentKind.FUSION, name = "tensor-fusion")
public final class TensorFusionFactory implements FusionFactory {
    static final String DIM = "dim";

    private static final ParameterSchema SCHEMA = ParameterSchema.builder()
            .integer(DIM, 32, 1, 65_536, "Width of the layer after the fusion tensor (the fused representation).")
            .real("dropout", 0.0, 0.0, 0.99, "Dropout on the fused representation, in training passes.")
            .build();

    @Override
    public String description() {
        return "Tensor Fusion (Zadeh et al., 2017): z = [h_1; 1] ⊗ [h_2; 1] ⊗ ... flattened, then ReLU(W z + b); "
                + "every unimodal, bimodal and trimodal interaction of the pooled inputs.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    /** {@code tensor}: the flattened fusion tensor [B, Π (d_m + 1)]. */
    @Override
    public Set<String> taps() {
        return Set.of(TensorFusion.TENSOR_TAP);
    }

    @Override
    public Fusion create(Parameters parameters, Map<String, FeatureShape> inputs, BuildContext context) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("tensor-fusion needs at least one pooled input, found none");
        }
        List<Integer> widths = new ArrayList<>();
        inputs.forEach((name, shape) -> {
            if (shape.isSequence()) {
                throw new IllegalArgumentException("tensor-fusion joins pooled vectors, but input '" + name
                        + "' is a sequence " + shape + "; end its encoder chain with a pooling encoder");
            }
            widths.add(shape.dim());
        });
        return new TensorFusion(List.copyOf(inputs.keySet()), widths, parameters.integer(DIM),
                parameters.real("dropout"), context);
    }
}
