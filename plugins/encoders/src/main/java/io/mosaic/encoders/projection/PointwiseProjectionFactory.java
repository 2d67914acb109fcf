package io.mosaic.encoders.projection;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.EncoderFactory;
import io.mosaic.api.model.FeatureShape;
import org.osgi.service.component.annotations.Component;

/** {@code pointwise-projection}: a per-time-step linear map to {@code dim} features (CIDer's Conv1d, k=1). */
@Component(service = EncoderFactory.class)
@MosaicComponent(kind = ComponentKind.ENCODER, name = "pointwise-projection")
public final class PointwiseProjectionFactory implements EncoderFactory {
    private static final ParameterSchema SCHEMA = ParameterSchema.builder()
            .integer("dim", null, 1, null, "The number of output features per time step.")
            .bool("bias", false, "Whether the map adds a learned bias (CIDer's projection has none).")
            .build();

    @Override
    public String description() {
        return "Maps every time step (or a pooled vector) to dim features with one shared linear map.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Encoder create(Parameters parameters, FeatureShape input, BuildContext context) {
        return new PointwiseProjection(input, parameters.integer("dim"), parameters.bool("bias"), context);
    }
}
