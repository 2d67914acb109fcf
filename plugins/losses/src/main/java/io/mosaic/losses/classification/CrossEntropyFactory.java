package io.mosaic.losses.classification;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.ObjectiveFactory;
import io.mosaic.losses.support.TapParameter;
import org.osgi.service.component.annotations.Component;

/** {@code cross-entropy}: the softmax cross-entropy of the class labels, for classification tasks. */
@Component(service = ObjectiveFactory.class)
@MosaicComponent(kind = ComponentKind.OBJECTIVE, name = "cross-entropy")
public final class CrossEntropyFactory implements ObjectiveFactory {
    private static final ParameterSchema SCHEMA = TapParameter.schema("the class logits [B, C]");

    @Override
    public String description() {
        return "The mean negative log-likelihood of the class labels under the softmax of the logits.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Objective create(Parameters parameters, DataSpec data) {
        if (data.task().isRegression()) {
            throw new IllegalArgumentException("cross-entropy needs a classification task (classes-2, classes-3, "
                    + "classes-5 or classes-7), found regression; use l1 or mse for scores");
        }
        return new CrossEntropy(TapParameter.of(parameters), data.task().classes());
    }
}
