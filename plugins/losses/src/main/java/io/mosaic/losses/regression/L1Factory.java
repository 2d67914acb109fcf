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

/** {@code l1}: the mean absolute error (1/B) Σ |ŷ_b − y_b| between predicted and true scores. */
@Component(service = ObjectiveFactory.class)
@MosaicComponent(kind = ComponentKind.OBJECTIVE, name = "l1")
public final class L1Factory implements ObjectiveFactory {
    private static final ParameterSchema SCHEMA = TapParameter.schema("the predicted scores [B, 1] or [B]");

    @Override
    public String description() {
        return "The mean absolute error between the predicted and the true sentiment scores.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Objective create(Parameters parameters, DataSpec data) {
        return new ScoreRegression("l1", TapParameter.of(parameters), NDArray::abs);
    }
}
