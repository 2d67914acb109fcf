package io.mosaic.runtime.train.optim;

import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import java.util.Objects;

/**
 * Parameters that {@link Adam} updates with hyperparameters of their own, as a parameter group of torch.optim does.
 *
 * @param name       how {@code describe} names the group
 * @param config     the group's hyperparameters (the optimizer's, but for the group's lr and weight decay)
 * @param parameters the group's parameters by the names of their optimizer state
 */
public record ParameterGroup(String name, AdamConfig config, PairList<String, Parameter> parameters) {

    public ParameterGroup {
        Objects.requireNonNull(config, "config");
    }

    /** How many scalars the group's parameters hold. */
    public long size() {
        return parameters.values().stream().mapToLong(p -> p.getArray().size()).sum();
    }
}
