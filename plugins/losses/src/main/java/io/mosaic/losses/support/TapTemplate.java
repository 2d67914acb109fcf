package io.mosaic.losses.support;

import io.mosaic.api.component.ParameterException;
import io.mosaic.api.data.Modality;

/** A tap name with the place of a modality, {@code {m}}: {@code features.{m}} names {@code features.text}, ... */
public final class TapTemplate {
    public static final String PLACE = "{m}";

    private TapTemplate() {
    }

    /**
     * @param parameter the parameter that holds {@code template}, for the message
     * @throws ParameterException when {@code template} has no {@value #PLACE}
     */
    public static String require(String parameter, String template) {
        if (!template.contains(PLACE)) {
            throw new ParameterException(parameter, "expected a tap name with " + PLACE + " where the modality goes, "
                    + "e.g. features." + PLACE);
        }
        return template;
    }

    /** {@code template} with the modality's id in place of every {@value #PLACE}. */
    public static String expand(String template, Modality modality) {
        return expand(template, modality.id());
    }

    /** {@code template} with {@code modality} (an id: text, audio, vision) in place of every {@value #PLACE}. */
    public static String expand(String template, String modality) {
        return template.replace(PLACE, modality);
    }
}
