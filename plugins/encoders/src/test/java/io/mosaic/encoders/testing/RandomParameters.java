package io.mosaic.encoders.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.Random;

/** Parameters drawn at random, so that a test checks every weight and bias (biases start at 0). */
public final class RandomParameters {
    private RandomParameters() {
    }

    /** Sets every parameter of {@code block} from U(-1, 1), in the order of its parameters. */
    public static void uniform(Block block, Random random) {
        for (Parameter parameter : block.getParameters().values()) {
            NDArray array = parameter.getArray();
            float[] values = new float[Math.toIntExact(array.size())];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextFloat() * 2 - 1;
            }
            array.set(values);
        }
    }
}
