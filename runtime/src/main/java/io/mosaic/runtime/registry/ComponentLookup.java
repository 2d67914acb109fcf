package io.mosaic.runtime.registry;

import io.mosaic.api.component.ComponentKind;
import java.util.Optional;

/** Finds installed components by kind, name and version range. */
public interface ComponentLookup {

    /**
     * The newest component of {@code kind} named {@code ref.name()} within {@code ref.versions()}, from
     * {@code bundle} when given. Versions of one bundle side by side resolve to the newest; when several bundles
     * offer the name within the range, the reference is ambiguous: a plugin cannot silently take over a name.
     *
     * @throws UnknownComponentException saying what exists instead, or which bundles offer the name and how to pin
     *                                   one
     */
    RegisteredComponent resolve(ComponentKind kind, ComponentRef ref, Optional<String> bundle);

    /** {@link #resolve(ComponentKind, ComponentRef, Optional)} from whichever bundle offers the name. */
    default RegisteredComponent resolve(ComponentKind kind, ComponentRef ref) {
        return resolve(kind, ref, Optional.empty());
    }
}
