package io.mosaic.runtime.protocols;

import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Parameters the protocols share: which modalities a protocol may touch, and what temporal protocols need. */
final class ProtocolParameters {
    /** The name of the common parameter listing the modalities a protocol may touch. */
    static final String MODALITIES = "modalities";

    private static final String[] MODALITY_IDS = Arrays.stream(Modality.values()).map(Modality::id)
            .toArray(String[]::new);

    private ProtocolParameters() {
    }

    /** Declares a string-list parameter whose elements are modality ids. */
    static ParameterSchema.Builder modalityList(ParameterSchema.Builder builder, String name,
                                                List<String> defaultValue, String description) {
        return builder.strings(name, defaultValue, description, MODALITY_IDS);
    }

    /** Declares {@value #MODALITIES}, by default every modality. */
    static ParameterSchema.Builder touched(ParameterSchema.Builder builder) {
        return modalityList(builder, MODALITIES, List.of(MODALITY_IDS),
                "The modalities the protocol may remove positions of.");
    }

    /**
     * The modalities named by list parameter {@code name}, in enum order (so draws follow a fixed order).
     *
     * @throws IllegalArgumentException when the list is empty or names a modality {@code data} lacks
     */
    static EnumSet<Modality> modalities(Parameters parameters, String name, String protocol, DataSpec data) {
        EnumSet<Modality> modalities = EnumSet.noneOf(Modality.class);
        for (String id : parameters.strings(name)) {
            modalities.add(modality(id, name));
        }
        if (modalities.isEmpty()) {
            throw new IllegalArgumentException(protocol + ": parameter '" + name
                    + "' names no modality; expected one or more of " + String.join(", ", MODALITY_IDS));
        }
        Set<Modality> present = data.inputs().keySet();
        for (Modality modality : modalities) {
            if (!present.contains(modality)) {
                throw new IllegalArgumentException(protocol + ": parameter '" + name + "' names " + modality.id()
                        + ", but the data has only " + ids(present));
            }
        }
        return modalities;
    }

    /**
     * Checks that {@code data} is word-aligned and has text, whose positions define the shared time axis.
     *
     * @throws IllegalArgumentException naming the data's lengths when it is not
     */
    static void requireAligned(String protocol, DataSpec data) {
        if (!data.inputs().containsKey(Modality.TEXT)) {
            throw new IllegalArgumentException(protocol + " takes its time steps from the text's positions, but the "
                    + "data has no text, only " + ids(data.inputs().keySet()));
        }
        if (!data.aligned()) {
            String steps = inOrder(data.inputs().keySet()).stream()
                    .map(modality -> modality.id() + " " + data.input(modality).steps())
                    .collect(Collectors.joining(", "));
            throw new IllegalArgumentException(protocol + " needs word-aligned data such as MMSA's aligned_50 files, "
                    + "where every modality has the text's positions; the data has positions " + steps);
        }
    }

    private static Modality modality(String id, String parameter) {
        for (Modality modality : Modality.values()) {
            if (modality.id().equals(id.toLowerCase(Locale.ROOT))) {
                return modality;
            }
        }
        throw new IllegalArgumentException("parameter '" + parameter + "': expected one of "
                + String.join(", ", MODALITY_IDS) + ", found '" + id + "'");
    }

    private static String ids(Set<Modality> modalities) {
        return String.join(", ", inOrder(modalities).stream().map(Modality::id).toList());
    }

    private static List<Modality> inOrder(Set<Modality> modalities) {
        return Arrays.stream(Modality.values()).filter(modalities::contains).toList();
    }
}
