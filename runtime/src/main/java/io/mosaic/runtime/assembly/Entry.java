package io.mosaic.runtime.assembly;

/**
 * A {@code use:} entry of a list or map that carries settings of its own besides the component's parameters: an
 * objective's {@code weight} and {@code view}, a training view's {@code rate}, an evaluation sweep's {@code rates}.
 *
 * @param settings the entry's own keys, checked against the entry kind's schema when the assembly is resolved
 */
public record Entry(ComponentUse component, Settings settings) {
}
