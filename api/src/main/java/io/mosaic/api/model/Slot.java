package io.mosaic.api.model;

import io.mosaic.api.component.ComponentKind;
import java.util.Objects;

/**
 * A place in a pipeline that an assembly fills with a component of a given kind.
 *
 * @param name        the key under {@code components:} in an assembly
 * @param kind        the kind of component it takes
 * @param chain       whether it takes a list of components applied in order (encoders only)
 * @param description what the slot is for
 */
public record Slot(String name, ComponentKind kind, boolean chain, String description) {

    public Slot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        if (chain && kind != ComponentKind.ENCODER) {
            throw new IllegalArgumentException("only encoder slots take a chain, not " + kind.id());
        }
    }

    public static Slot single(String name, ComponentKind kind, String description) {
        return new Slot(name, kind, false, description);
    }

    public static Slot encoderChain(String name, String description) {
        return new Slot(name, ComponentKind.ENCODER, true, description);
    }
}
