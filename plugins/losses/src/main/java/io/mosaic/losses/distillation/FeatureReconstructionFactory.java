package io.mosaic.losses.distillation;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterException;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.ObjectiveFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Component;

/** {@code feature-reconstruction}: MSSD's low-level term, SmoothL1 reconstruction of the removed input positions. */
@Component(service = ObjectiveFactory.class)
@MosaicComponent(kind = ComponentKind.OBJECTIVE, name = FeatureReconstruction.NAME)
public final class FeatureReconstructionFactory implements ObjectiveFactory {
    static final String MODALITIES = "modalities";
    static final String PREDICTION = "prediction";
    private static final String[] MODALITY_IDS = Arrays.stream(Modality.values()).map(Modality::id)
            .toArray(String[]::new);
    private static final ParameterSchema SCHEMA = ViewPair.declare(ParameterSchema.builder())
            .strings(MODALITIES, List.of(MODALITY_IDS), "The modalities whose removed positions are reconstructed.",
                    MODALITY_IDS)
            .string(PREDICTION, "reconstruction",
                    "The prefix of the student's reconstruction taps, '<prediction>.<modality>' [B, T, D].")
            .build();

    @Override
    public String description() {
        return "The SmoothL1 error of the student view's reconstructions against the teacher view's inputs at the "
                + "positions the missing-modality protocol removed, per removed value, summed over modalities.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Objective create(Parameters parameters, DataSpec data) {
        return new FeatureReconstruction(ViewPair.of(parameters), parameters.string(PREDICTION),
                modalities(parameters, data));
    }

    /** @throws ParameterException when the list is empty, repeats a modality or names one the data lacks */
    private static List<Modality> modalities(Parameters parameters, DataSpec data) {
        List<String> ids = parameters.strings(MODALITIES);
        if (ids.isEmpty()) {
            throw new ParameterException(MODALITIES, "names no modality; expected one or more of "
                    + String.join(", ", MODALITY_IDS));
        }
        List<Modality> modalities = new ArrayList<>();
        for (String id : ids) {
            Modality modality = Modality.valueOf(id.toUpperCase(Locale.ROOT));
            if (modalities.contains(modality)) {
                throw new ParameterException(MODALITIES, "names " + id + " twice, found " + ids);
            }
            if (!data.inputs().containsKey(modality)) {
                throw new ParameterException(MODALITIES, "names " + id + ", but the data has only "
                        + present(data.inputs().keySet()));
            }
            modalities.add(modality);
        }
        return modalities;
    }

    private static String present(Set<Modality> modalities) {
        return modalities.stream().sorted().map(Modality::id).collect(Collectors.joining(", "));
    }
}
