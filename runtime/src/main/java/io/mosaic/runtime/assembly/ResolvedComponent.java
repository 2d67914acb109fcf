package io.mosaic.runtime.assembly;

import io.mosaic.api.component.Parameters;
import io.mosaic.runtime.registry.RegisteredComponent;

/** A {@code use:} entry bound to an installed component, with every parameter value (defaults filled in). */
public record ResolvedComponent(ComponentUse use, RegisteredComponent component, Parameters parameters) {
}
