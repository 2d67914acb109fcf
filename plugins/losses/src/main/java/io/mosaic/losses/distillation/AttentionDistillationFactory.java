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

/** {@code attention-distillation}: MSSD's attention term, KL(teacher attention ‖ student attention) per map. */
@Component(service = ObjectiveFactory.class)
@MosaicComponent(kind = ComponentKind.OBJECTIVE, name = AttentionDistillation.NAME)
public final class AttentionDistillationFactory implements ObjectiveFactory {
    private static final ParameterSchema SCHEMA = ViewPair.declare(ParameterSchema.builder())
            .string(TapParameter.NAME, "fusion.attention", "The tap that holds attention logits [B, ..., S_q, S_k].")
            .build();

    @Override
    public String description() {
        return "The Kullback-Leibler divergence of the student view's attention from the teacher view's, softmax "
                + "over keys, summed and divided by the number of attention maps (torch's kl_div batchmean).";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Objective create(Parameters parameters, DataSpec data) {
        return new AttentionDistillation(ViewPair.of(parameters), TapParameter.of(parameters));
    }
}
