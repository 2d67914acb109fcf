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
 * @param origin           where the entry is written; for a reference to a shared component, the reference
 * @param shared           for a slot's {@code { shared: name }}, the name of the shared component it uses (the other
 *                         fields are then its definition's, the origin aside)
 */
public record ComponentUse(ComponentRef ref, Optional<String> bundle, Map<String, Object> parameters,
                           Map<String, Origin> parameterOrigins, Origin origin, Optional<String> shared) {

    public ComponentUse {
        parameters = Map.copyOf(parameters);
        parameterOrigins = Map.copyOf(parameterOrigins);
    }

    /** An entry written in place, not a reference to a shared component. */
    public ComponentUse(ComponentRef ref, Optional<String> bundle, Map<String, Object> parameters,
                        Map<String, Origin> parameterOrigins, Origin origin) {
        this(ref, bundle, parameters, parameterOrigins, origin, Optional.empty());
    }

    /** A slot's reference, written at {@code at}, to this entry, the definition of the shared component {@code name}. */
    public ComponentUse referencedAs(String name, Origin at) {
        return new ComponentUse(ref, bundle, parameters, parameterOrigins, at, Optional.of(name));
    }

    /** Where {@code parameter} was written, or where the entry starts. */
    public Origin originOf(String parameter) {
        return parameterOrigins.getOrDefault(parameter, origin);
    }
}
