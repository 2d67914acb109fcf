package io.mosaic.fusion.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Module;
import java.util.Random;

/** Inputs and parameter helpers for the tests of the fusions over joined blocks. */
public final class Blocks {

    private Blocks() {
    }

    /** A context that creates parameters of {@code type} in {@code manager}. */
    public static BuildContext context(NDManager manager, DataType type) {
        return new BuildContext() {
            @Override
            public NDManager manager() {
                return manager;
            }

            @Override
            public DataType dataType() {
                return type;
            }
        };
    }

    /** A block [B, steps, dim] of U(-1, 1) values of {@code type} with the given lengths. */
    public static Features sequence(NDManager manager, Random random, int steps, int dim, DataType type,
                                    long... lengths) {
        double[] values = new double[lengths.length * steps * dim];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble() * 2 - 1;
        }
        NDArray array = manager.create(values, new Shape(lengths.length, steps, dim)).toType(type, false);
        return Features.sequence(array, manager.create(lengths));
    }

    /** Sets every parameter (biases and LayerNorm included) from U(-1, 1). */
    public static void randomize(Block block, Random random) {
        for (Parameter parameter : block.getParameters().values()) {
            NDArray array = parameter.getArray();
            double[] values = new double[Math.toIntExact(array.size())];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextDouble() * 2 - 1;
            }
            array.set(array.getManager().create(values).toType(array.getDataType(), false).toByteBuffer());
        }
    }

    /** Gives {@code target} the parameter values of {@code source}, matched by name. */
    public static void copyParameters(Block source, Block target) {
        for (var entry : source.getParameters()) {
            target.getParameters().get(entry.getKey()).getArray().set(entry.getValue().getArray().toByteBuffer());
        }
    }

    /** The number of trained values (buffers excluded). */
    public static long trainedSize(Block block) {
        return block.getParameters().values().stream().filter(p -> !Module.isBuffer(p))
                .mapToLong(p -> p.getArray().size()).sum();
    }

    /** max |a − b| over all entries. */
    public static double maxDifference(NDArray a, NDArray b) {
        return a.toType(DataType.FLOAT64, false).sub(b.toType(DataType.FLOAT64, false)).abs().max().getDouble();
    }
}
