package io.mosaic.runtime.assembly;

import io.mosaic.runtime.assembly.yaml.Origin;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An assembly as written (after {@code extends:} is merged), structurally sound but not yet checked against the
 * installed components. {@link AssemblyResolver} turns it into a {@link ResolvedAssembly}.
 *
 * @param source     where it was read from
 * @param shared     the components that several slots share ({@code shared:}), by name, in the order written
 * @param components by slot name, in the order written
 * @param debiasers  at most one debiaser
 */
public record Assembly(String name, String description, String source, Origin origin, ComponentUse pipeline,
                       long seed, Settings data, Map<String, ComponentUse> shared, Map<String, SlotFill> components,
                       List<Entry> objectives,
                       List<ComponentUse> debiasers,
                       TrainBlock train, EvaluateBlock evaluate, Settings backend) {

    public Assembly {
        shared = Collections.unmodifiableMap(new LinkedHashMap<>(shared));
        components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
        objectives = List.copyOf(objectives);
        debiasers = List.copyOf(debiasers);
    }
}
