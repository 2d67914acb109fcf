package io.mosaic.models.support;

import io.mosaic.api.component.ParameterException;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.Modality;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A pipeline's {@code modalities} parameter: which modalities the model reads. */
public final class ModalityList {
    /** Every modality's id, in modality order: the parameter's default and its choices. */
    public static final List<String> ALL = Arrays.stream(Modality.values()).map(Modality::id).toList();

    private ModalityList() {
    }

    /**
     * The modalities {@code parameter} lists, in modality order (text, audio, vision) whatever the order they are
     * listed in.
     *
     * @param least the fewest the pipeline can read
     * @param why   why it needs that many, for the refusal (empty when obvious)
     * @throws ParameterException when one is listed twice or fewer than {@code least} are
     */
    public static Set<Modality> read(Parameters parameters, String parameter, int least, String why) {
        Set<Modality> modalities = EnumSet.noneOf(Modality.class);
        for (String name : parameters.strings(parameter)) {
            if (!modalities.add(Modality.valueOf(name.toUpperCase(Locale.ROOT)))) {
                throw new ParameterException(parameter, "lists " + name + " twice");
            }
        }
        if (modalities.size() < least) {
            throw new ParameterException(parameter, "needs at least " + (least == 1 ? "one" : "two") + " of "
                    + String.join(", ", ALL) + why + (least > 1 ? ", found " + modalities.size() : ""));
        }
        return modalities;
    }
}
