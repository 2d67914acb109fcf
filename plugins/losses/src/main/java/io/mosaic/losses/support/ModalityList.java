package io.mosaic.losses.support;

import io.mosaic.api.component.ParameterException;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A {@code modalities} parameter: a list of distinct modalities the data has, in the order the assembly gives. */
public final class ModalityList {
    public static final String NAME = "modalities";
    private static final String[] IDS = Arrays.stream(Modality.values()).map(Modality::id).toArray(String[]::new);

    private ModalityList() {
    }

    /** Declares the parameter, by default every modality in {@link Modality} order (text, audio, vision). */
    public static ParameterSchema.Builder declare(ParameterSchema.Builder schema, String description) {
        return schema.strings(NAME, List.of(IDS), description, IDS);
    }

    /**
     * @param minimum how many modalities the objective needs at least
     * @throws ParameterException when the list is shorter than {@code minimum}, repeats a modality or names one the
     *                            data lacks
     */
    public static List<Modality> of(Parameters parameters, DataSpec data, int minimum) {
        List<String> ids = parameters.strings(NAME);
        if (ids.size() < minimum) {
            throw new ParameterException(NAME, "names " + ids.size() + " modalities, expected at least " + minimum
                    + " of " + String.join(", ", IDS));
        }
        List<Modality> modalities = new ArrayList<>();
        for (String id : ids) {
            Modality modality = Modality.valueOf(id.toUpperCase(Locale.ROOT));
            if (modalities.contains(modality)) {
                throw new ParameterException(NAME, "names " + id + " twice, found " + ids);
            }
            if (!data.inputs().containsKey(modality)) {
                throw new ParameterException(NAME, "names " + id + ", but the data has only "
                        + data.inputs().keySet().stream().sorted().map(Modality::id)
                        .collect(Collectors.joining(", ")));
            }
            modalities.add(modality);
        }
        return List.copyOf(modalities);
    }
}
