package io.mosaic.losses.invariance;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.ObjectiveFactory;
import io.mosaic.losses.support.ModalityList;
import org.osgi.service.component.annotations.Component;

/** {@code cmd}: SATI's consistency loss, the central moment discrepancy between modalities' shared codes (eq. 2). */
@Component(service = ObjectiveFactory.class)
@MosaicComponent(kind = ComponentKind.OBJECTIVE, name = CentralMomentDiscrepancy.NAME)
public final class CmdFactory implements ObjectiveFactory {
    static final String CODES = "codes";
    static final String MOMENTS = "moments";
    private static final ParameterSchema SCHEMA = ModalityList.declare(ParameterSchema.builder(),
                    "The modalities whose codes are compared, every pair once.")
            .string(CODES, "shared", "The suffix of the code taps '<modality>.<codes>', [B, T, H] with lengths "
                    + "or [B, H]; sequences are averaged over their valid steps.")
            .integer(MOMENTS, 5, 1, 16, "K: the means and the central moments 2..K are compared.")
            .build();

    @Override
    public String description() {
        return "The central moment discrepancy (K moments, no range normalisation) between the time-means of the "
                + "modalities' codes over valid steps, averaged over the pairs of modalities.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Objective create(Parameters parameters, DataSpec data) {
        return new CentralMomentDiscrepancy(ModalityList.of(parameters, data, 2), parameters.string(CODES),
                parameters.integer(MOMENTS));
    }
}
