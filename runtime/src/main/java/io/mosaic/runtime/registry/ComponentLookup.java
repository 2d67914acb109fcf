package io.mosaic.runtime.registry;

import io.mosaic.api.component.ComponentKind;

/** Finds installed components by kind, name and version range. */
public interface ComponentLookup {

    /**
     * The newest component of {@code kind} named {@code ref.name()} within {@code ref.versions()}.
     *
     * @throws UnknownComponentException saying what exists instead
     */
    RegisteredComponent resolve(ComponentKind kind, ComponentRef ref);
}
