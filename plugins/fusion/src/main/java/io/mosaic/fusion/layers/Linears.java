package io.mosaic.fusion.layers;

import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.XavierInitializer;

/** Linear layers initialised as the reference code initialises them. */
public final class Linears {

    private Linears() {
    }

    /**
     * A Linear(·, units) with bias, weights from PyTorch's xavier_uniform U(±√(6 / (fan_in + fan_out))) (DJL's Xavier
     * with average fan and magnitude 3) and zero bias.
     */
    public static Linear xavier(int units) {
        Linear linear = Linear.builder().setUnits(units).build();
        linear.setInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                XavierInitializer.FactorType.AVG, 3), Parameter.Type.WEIGHT);
        return linear;
    }
}
