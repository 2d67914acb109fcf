package io.mosaic.runtime.assembly;

import io.mosaic.api.protocol.MissingProtocol;
import java.util.OptionalDouble;

/**
 * A training view: each step also runs the model on a copy of the batch that {@code protocol} corrupted.
 *
 * @param rate a fixed missing rate, or empty when each sample draws its own as the protocol trains
 */
public record ResolvedView(String name, ResolvedComponent component, MissingProtocol protocol, OptionalDouble rate) {
}
