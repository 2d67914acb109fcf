package io.mosaic.runtime.model;

import io.mosaic.api.model.OwnOptimizerGroup;
import java.util.Set;

/**
 * The optimizer group a component asks for ({@link OwnOptimizerGroup}): a fine-tuned pretrained encoder's.
 *
 * @param part         where the component is, as {@link BuiltModel#counts} names it ({@code text} or {@code text[0]})
 * @param learningRate the group's learning rate
 * @param weightDecay  the group's weight decay, for its parameters but the biases and normalisation ones
 * @param parameters   the component's parameters, by checkpoint name
 */
public record ComponentGroup(String part, double learningRate, double weightDecay, Set<String> parameters) {

    public ComponentGroup {
        parameters = Set.copyOf(parameters);
    }
}
