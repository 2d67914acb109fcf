package io.mosaic.losses.reconstruction;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.ObjectiveFactory;
import io.mosaic.losses.support.ModalityList;
import org.osgi.service.component.annotations.Component;

/**
 * {@code code-reconstruction}: the reconstruction term of SATI's official code (not in the paper), which rebuilds
 * each modality's projected sequence from the time-mean of its private and shared codes through a linear decoder.
 */
@Component(service = ObjectiveFactory.class)
@MosaicComponent(kind = ComponentKind.OBJECTIVE, name = CodeReconstruction.NAME)
public final class CodeReconstructionFactory implements ObjectiveFactory {
    static final String PRIVATE = "private";
    static final String SHARED = "shared";
    static final String TARGET = "target";
    static final String WIDTH = "width";
    private static final ParameterSchema SCHEMA = ModalityList.declare(ParameterSchema.builder(),
                    "The modalities whose codes are decoded; their losses are averaged.")
            .string(PRIVATE, "private", "The suffix of the private code taps '<modality>.<private>' [B, T, width].")
            .string(SHARED, "shared", "The suffix of the shared code taps '<modality>.<shared>' [B, T, width].")
            .string(TARGET, "projected", "The suffix of the target taps '<modality>.<target>' [B, T, width], "
                    + "the per-step projections the codes were computed from.")
            .integer(WIDTH, 128, 1, null, "H, the width of the codes and of the target (SATI: 128).")
            .build();

    @Override
    public String description() {
        return "The mean squared error between a linear decoding of the time-mean of each modality's private plus "
                + "shared codes and every valid step of its projected sequence (the official SATI code's MISA term).";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Objective create(Parameters parameters, DataSpec data, BuildContext context) {
        CodeReconstruction.Suffixes suffixes = new CodeReconstruction.Suffixes(parameters.string(PRIVATE),
                parameters.string(SHARED), parameters.string(TARGET));
        return new CodeReconstruction(ModalityList.of(parameters, data, 1), suffixes, parameters.integer(WIDTH),
                context);
    }
}
