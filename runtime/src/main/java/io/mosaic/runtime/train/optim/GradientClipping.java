package io.mosaic.runtime.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import io.mosaic.api.model.Scalars;
import java.util.ArrayList;
import java.util.List;

/**
 * Clips the gradients of a step's parameters in place, before the optimizer reads them, as PyTorch's utilities do:
 * first every element to [−value, value] ({@code torch.nn.utils.clip_grad_value_}), then all gradients together by
 * min(1, norm / (‖g‖₂ + 1e-6)), with ‖g‖₂ the L2 norm over every element of every gradient
 * ({@code torch.nn.utils.clip_grad_norm_}). Either is off at 0. Only the gradients of parameters that train (and
 * have one) are read and clipped, as the optimizer only updates those. The arithmetic runs on the engine, with
 * engine-owned constants ({@link Scalars}).
 *
 * @param value the largest absolute value of a gradient element; 0 clips none
 * @param norm  the largest global L2 norm of the gradients; 0 clips none
 */
public record GradientClipping(double value, double norm) {
    /** Added to the norm before dividing, as {@code clip_grad_norm_} does. */
    public static final double NORM_EPSILON = 1e-6;

    public GradientClipping {
        requireOffOrPositive("clip-value", value);
        requireOffOrPositive("clip-norm", norm);
    }

    /** No clipping. */
    public static GradientClipping off() {
        return new GradientClipping(0, 0);
    }

    public boolean isOff() {
        return value == 0 && norm == 0;
    }

    /**
     * Clips, in place, the gradients of those {@code parameters} that train and have one.
     *
     * @param scratch where the working arrays live until this returns
     */
    public void apply(Iterable<Parameter> parameters, NDManager scratch) {
        if (isOff()) {
            return;
        }
        try (NDManager manager = scratch.newSubManager()) {
            List<NDArray> gradients = new ArrayList<>();
            for (Parameter parameter : parameters) {
                NDArray array = parameter.getArray();
                if (parameter.requiresGradient() && array.hasGradient()) {
                    NDArray gradient = array.getGradient();
                    gradient.attach(manager);
                    gradients.add(gradient);
                }
            }
            if (gradients.isEmpty()) {
                return;
            }
            if (value > 0) {
                for (NDArray gradient : gradients) {
                    NDArray clipped = gradient.maximum(Scalars.constant(gradient, -value))
                            .minimum(Scalars.constant(gradient, value));
                    gradient.set(new NDIndex("..."), clipped);
                }
            }
            if (norm > 0) {
                NDArray squares = gradients.get(0).square().sum();
                for (NDArray gradient : gradients.subList(1, gradients.size())) {
                    squares = squares.add(gradient.square().sum());
                }
                NDArray total = squares.sqrt();
                NDArray factor = Scalars.constant(total, norm).div(total.add(Scalars.constant(total, NORM_EPSILON)))
                        .minimum(Scalars.constant(total, 1));
                gradients.forEach(gradient -> gradient.muli(factor));
            }
        }
    }

    private static void requireOffOrPositive(String name, double threshold) {
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, or 0 for none; found " + threshold);
        }
    }
}
