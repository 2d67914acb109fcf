package io.mosaic.losses.testing;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.function.Function;

/** Autograd gradients beside central finite differences, in float64, for checks of a scalar function of one array. */
public final class GradientCheck {

    private GradientCheck() {
    }

    /** ∂f/∂x by autograd at {@code x} (row-major, of {@code shape}). */
    public static double[] autograd(NDManager manager, Function<NDArray, NDArray> f, double[] x, Shape shape) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray input = scope.create(x, shape);
            input.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(f.apply(input));
            }
            return input.getGradient().toDoubleArray();
        }
    }

    /** (f(x + h·e_i) − f(x − h·e_i)) / 2h for every element i. */
    public static double[] finiteDifferences(NDManager manager, Function<NDArray, NDArray> f, double[] x, Shape shape,
                                             double h) {
        double[] gradient = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] up = x.clone();
            double[] down = x.clone();
            up[i] += h;
            down[i] -= h;
            gradient[i] = (value(manager, f, up, shape) - value(manager, f, down, shape)) / (2 * h);
        }
        return gradient;
    }

    public static double value(NDManager manager, Function<NDArray, NDArray> f, double[] x, Shape shape) {
        try (NDManager scope = manager.newSubManager()) {
            return f.apply(scope.create(x, shape)).toType(DataType.FLOAT64, false)
                    .getDouble();
        }
    }
}
