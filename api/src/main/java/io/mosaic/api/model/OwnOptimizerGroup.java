package io.mosaic.api.model;

/**
 * A module that trains with a learning rate and weight decay of its own, as a fine-tuned pretrained encoder does:
 * the runtime puts its trainable parameters in an optimizer group of their own, and its biases and normalisation
 * parameters (typed {@code BIAS}, {@code GAMMA} or {@code BETA}) in a further group with the same learning rate and
 * no weight decay, as BERT fine-tuning does. An assembly's {@code train.optimizer.groups} do not take them.
 */
public interface OwnOptimizerGroup {

    /** The group's learning rate. */
    double learningRate();

    /** The group's coupled L2 weight decay (g + λ·w), for every parameter but the biases and normalisation ones. */
    double weightDecay();
}
