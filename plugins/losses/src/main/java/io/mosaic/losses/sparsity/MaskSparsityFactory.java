package io.mosaic.losses.sparsity;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.ObjectiveFactory;
import org.osgi.service.component.annotations.Component;

/** {@code mask-sparsity}: S2LIF's Σ exp(−s_i) over a named feature mask's thresholds (eq. 12). */
@Component(service = ObjectiveFactory.class)
@MosaicComponent(kind = ComponentKind.OBJECTIVE, name = MaskSparsity.NAME)
public final class MaskSparsityFactory implements ObjectiveFactory {
    static final String ON = "on";
    private static final ParameterSchema SCHEMA = ParameterSchema.builder()
            .string(ON, null, "The thresholds s [d] of the feature mask to make sparse: the tap "
                    + "'<slot>.mask.threshold' of a feature-mask in that slot's chain, e.g. text.mask.threshold.")
            .build();

    @Override
    public String description() {
        return "The sum of exp(-s_i) over a feature mask's thresholds s, which pushes them up so that the mask keeps "
                + "fewer features; its weight is the entry's weight (S2LIF's alpha).";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Objective create(Parameters parameters, DataSpec data) {
        return new MaskSparsity(parameters.string(ON));
    }
}
