package io.mosaic.runtime.assembly;

import io.mosaic.runtime.assembly.yaml.Origin;
import io.mosaic.runtime.registry.ComponentRef;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code use:} entry of an assembly as written: which component, optionally pinned to a bundle, and the
 * parameters it sets.
 *
 * @param bundle           the bundle the component must come from, when the entry says so
 * @param parameters       the values as written (plain YAML values)
 * @param parameterOrigins where each parameter was written
 */
public record ComponentUse(ComponentRef ref, Optional<String> bundle, Map<String, Object> parameters,
                           Map<String, Origin> parameterOrigins, Origin origin) {

    public ComponentUse {
        parameters = Map.copyOf(parameters);
        parameterOrigins = Map.copyOf(parameterOrigins);
    }

    /** Where {@code parameter} was written, or where the entry starts. */
    public Origin originOf(String parameter) {
        return parameterOrigins.getOrDefault(parameter, origin);
    }
}
