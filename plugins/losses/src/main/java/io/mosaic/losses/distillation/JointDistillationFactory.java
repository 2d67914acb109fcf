package io.mosaic.losses.distillation;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.ObjectiveFactory;
import io.mosaic.losses.support.TapParameter;
import org.osgi.service.component.annotations.Component;

/** {@code joint-distillation}: MSSD's high-level term, 1 − mean cosine of student and teacher joint vectors. */
@Component(service = ObjectiveFactory.class)
@MosaicComponent(kind = ComponentKind.OBJECTIVE, name = JointDistillation.NAME)
public final class JointDistillationFactory implements ObjectiveFactory {
    private static final ParameterSchema SCHEMA = ViewPair.declare(ParameterSchema.builder())
            .string(TapParameter.NAME, "joint", "The tap that holds the joint representations [B, D].")
            .build();

    @Override
    public String description() {
        return "One minus the mean cosine similarity between the student view's joint representations and the "
                + "teacher view's (self-distillation of the joint representation).";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Objective create(Parameters parameters, DataSpec data) {
        return new JointDistillation(ViewPair.of(parameters), TapParameter.of(parameters));
    }
}
