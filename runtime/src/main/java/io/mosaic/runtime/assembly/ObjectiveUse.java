package io.mosaic.runtime.assembly;

/** An objective entry: the component and the weight of its loss in the sum. */
public record ObjectiveUse(ComponentUse component, double weight) {
}
