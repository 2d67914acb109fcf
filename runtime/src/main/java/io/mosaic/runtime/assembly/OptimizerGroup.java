package io.mosaic.runtime.assembly;

import java.util.List;
import java.util.Set;

/**
 * One parameter group of {@code train.optimizer.groups}: the parts of the model it trains, with a learning rate and
 * weight decay of their own (torch.optim's parameter groups). Parameters no group names form the default group,
 * with the optimizer's own learning rate and weight decay.
 *
 * @param parts        what the group trains, as {@code describe} names the model's parts: a slot, {@code pipeline},
 *                     {@code debiaser}, {@code shared:<name>}, {@code objective:<name>}
 * @param learningRate the group's lr
 * @param weightDecay  the group's coupled L2 weight decay
 * @param noDecay      the group's parameters that take no weight decay whatever {@code weightDecay} says
 */
public record OptimizerGroup(List<String> parts, double learningRate, double weightDecay, Set<NoDecay> noDecay) {

    public OptimizerGroup {
        parts = List.copyOf(parts);
        noDecay = Set.copyOf(noDecay);
    }
}
