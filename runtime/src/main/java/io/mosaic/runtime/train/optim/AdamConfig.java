package io.mosaic.runtime.train.optim;

import io.mosaic.api.component.Parameters;

/**
 * Hyperparameters of {@link Adam}, with torch.optim.Adam's defaults and validity rules.
 *
 * @param learningRate lr ≥ 0
 * @param beta1        decay of the first-moment estimate, in [0, 1)
 * @param beta2        decay of the second-moment estimate, in [0, 1)
 * @param epsilon      ε ≥ 0 added to the denominator
 * @param weightDecay  λ ≥ 0 of the L2 penalty added to the gradient (g + λ·w; coupled, not AdamW)
 */
public record AdamConfig(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {

    public AdamConfig {
        requireAtLeastZero("learning rate", learningRate);
        requireBeta("beta1", beta1);
        requireBeta("beta2", beta2);
        requireAtLeastZero("epsilon", epsilon);
        requireAtLeastZero("weight decay", weightDecay);
    }

    /** lr = 1e-3, β1 = 0.9, β2 = 0.999, ε = 1e-8, λ = 0. */
    public static AdamConfig defaults() {
        return new AdamConfig(1e-3, 0.9, 0.999, 1e-8, 0.0);
    }

    /** The hyperparameters an assembly's {@code train.optimizer} block sets. */
    public static AdamConfig of(Parameters optimizer) {
        return new AdamConfig(optimizer.real("lr"), optimizer.real("beta1"), optimizer.real("beta2"),
                optimizer.real("eps"), optimizer.real("weight-decay"));
    }

    public AdamConfig withLearningRate(double value) {
        return new AdamConfig(value, beta1, beta2, epsilon, weightDecay);
    }

    public AdamConfig withBetas(double first, double second) {
        return new AdamConfig(learningRate, first, second, epsilon, weightDecay);
    }

    public AdamConfig withEpsilon(double value) {
        return new AdamConfig(learningRate, beta1, beta2, value, weightDecay);
    }

    public AdamConfig withWeightDecay(double value) {
        return new AdamConfig(learningRate, beta1, beta2, epsilon, value);
    }

    private static void requireAtLeastZero(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, found " + value);
        }
    }

    private static void requireBeta(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), found " + value);
        }
    }
}
