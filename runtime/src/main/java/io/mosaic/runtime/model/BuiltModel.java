package io.mosaic.runtime.model;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.mosaic.api.model.Module;
import io.mosaic.api.model.Network;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network built from a resolved assembly, with its parameters named stably for checkpoints. Closing it releases
 * every parameter.
 *
 * @param slots       the module built for each slot, in build order
 * @param parameters  every parameter by checkpoint name ({@code <slot>/<djl name>}, {@code pipeline/<djl name>})
 * @param counts      per component ({@code pipeline}, {@code <slot>} or {@code <slot>[i]} in a chain), its number of
 *                    scalar parameters
 */
public record BuiltModel(Network network, Map<String, Module> slots, Map<String, Parameter> parameters,
                         Map<String, Long> counts, NDManager manager) implements AutoCloseable {

    public BuiltModel {
        slots = Collections.unmodifiableMap(new LinkedHashMap<>(slots));
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    public long totalParameters() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Freezes exactly the parameters of {@code frozenSlots}; every other parameter trains. */
    public void freezeOnly(List<String> frozenSlots) {
        parameters.values().forEach(p -> p.freeze(false));
        frozenSlots.forEach(slot -> slots.get(slot).freezeParameters(true));
    }

    @Override
    public void close() {
        manager.close();
    }
}
