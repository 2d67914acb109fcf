package io.mosaic.api.component;

import java.util.Set;

/** What every component factory tells the runtime before anything is built. */
public interface ComponentFactory {

    /** One sentence for {@code mosaic components}. */
    String description();

    /** The parameters an assembly may set, with types, defaults and ranges. */
    ParameterSchema parameters();

    /**
     * The taps a module records under its slot's name (an attention map, say), so that an assembly can be checked
     * against them before anything is built.
     */
    default Set<String> taps() {
        return Set.of();
    }
}
