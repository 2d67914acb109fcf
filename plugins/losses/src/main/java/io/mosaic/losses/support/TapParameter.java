package io.mosaic.losses.support;

import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.PipelineFactory;

/** The {@code on} parameter of the task losses: the tap they read, by default the pipeline's prediction. */
public final class TapParameter {
    public static final String NAME = "on";

    private TapParameter() {
    }

    /** @param reads what the tap must hold, for the parameter's description ("the predicted scores [B, 1]") */
    public static ParameterSchema schema(String reads) {
        return ParameterSchema.builder()
                .string(NAME, PipelineFactory.PREDICTION_TAP, "The tap that holds " + reads + ".")
                .build();
    }

    public static String of(Parameters parameters) {
        return parameters.string(NAME);
    }
}
