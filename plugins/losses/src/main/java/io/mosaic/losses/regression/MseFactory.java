package io.mosaic.losses.regression;

import ai.djl.ndarray.NDArray;
import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.ObjectiveFactory;
import io.mosaic.losses.support.TapParameter;
import org.osgi.service.component.annotations.Component;

/** {@code mse}: the mean squared error (1/B) Σ (ŷ_b − y_b)² between predicted and true scores. */
@Component(service = ObjectiveFactory.class)
@MosaicComponent(kind = ComponentKind.OBJECTIVE, name = "mse")
public final class MseFactory implements ObjectiveFactory {
    private static final ParameterSchema SCHEMA = TapParameter.schema("the predicted scores [B, 1] or [B]");

    @Override
    public String description() {
        return "The mean squared error between the predicted and the true sentiment scores.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Objective create(Parameters parameters, DataSpec data) {
        return new ScoreRegression("mse", TapParameter.of(parameters), NDArray::square);
    }
}
