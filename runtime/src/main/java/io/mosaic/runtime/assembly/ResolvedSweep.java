package io.mosaic.runtime.assembly;

import io.mosaic.api.protocol.MissingProtocol;
import java.util.List;

/** An evaluation sweep: the selected checkpoint evaluated with {@code protocol} at each of {@code rates}. */
public record ResolvedSweep(ResolvedComponent component, MissingProtocol protocol, List<Double> rates) {

    public ResolvedSweep {
        rates = List.copyOf(rates);
    }

    /** How reports name the sweep: the protocol's name. */
    public String name() {
        return component.component().name();
    }
}
