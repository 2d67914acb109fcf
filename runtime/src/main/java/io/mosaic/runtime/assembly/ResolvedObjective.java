package io.mosaic.runtime.assembly;

import io.mosaic.api.objective.Objective;

/**
 * An objective bound to its component and created for the data.
 *
 * @param name how stages refer to it: the component name, with {@code #2}, {@code #3}... for repeats
 * @param view      the view the objective reads as its own clean view
 * @param objective the instance the resolver checked, for its taps and views only: its parameters, if it has any,
 *                  are released; each model creates its own ({@code BuiltModel.objectives()})
 */
public record ResolvedObjective(String name, ResolvedComponent component, double weight, String view,
                                Objective objective) {
}
