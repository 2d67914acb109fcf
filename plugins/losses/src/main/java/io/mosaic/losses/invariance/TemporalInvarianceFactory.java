package io.mosaic.losses.invariance;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.ObjectiveFactory;
import org.osgi.service.component.annotations.Component;

/** {@code temporal-invariance}: SATI's JSD between the batch distributions of adjacent valid steps (eq. 6–7). */
@Component(service = ObjectiveFactory.class)
@MosaicComponent(kind = ComponentKind.OBJECTIVE, name = TemporalInvariance.NAME)
public final class TemporalInvarianceFactory implements ObjectiveFactory {
    static final String ON = "on";
    private static final ParameterSchema SCHEMA = ParameterSchema.builder()
            .string(ON, "vision.sequence", "The tap of per-step codes [B, T, F] with lengths (SATI: the vision "
                    + "[private ‖ shared] codes).")
            .build();

    @Override
    public String description() {
        return "The mean Jensen-Shannon divergence between adjacent steps' batch-averaged softmax distributions over "
                + "the features, over the samples valid at both steps.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Objective create(Parameters parameters, DataSpec data) {
        return new TemporalInvariance(parameters.string(ON));
    }
}
