package io.mosaic.encoders.recurrent;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fused kernel with its state zero-padded against the recurrence written out: states and gradients. */
class FusedLstmTest {
    private static final long[] LENGTHS = {9, 5, 0, 1};
    private static final int STEPS = 9;
    private static final int INPUTS = 5;

    @ParameterizedTest
    @ValueSource(ints = {3, 16, 32, 40})
    void givesTheLoopsStatesAndGradientsAtEveryHiddenSize(int hidden) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(11);
            NDArray[] fused = statesAndGradients(manager, hidden, true);
            NDArray[] loop = statesAndGradients(manager, hidden, false);
            for (int i = 0; i < fused.length; i++) {
                assertThat(fused[i].getShape()).isEqualTo(loop[i].getShape());
                assertThat(fused[i].sub(loop[i]).abs().max().getFloat()).as("array %d at hidden %d", i, hidden)
                        .isLessThanOrEqualTo(2e-6f);
            }
            // a sample of length 0 keeps the zero state
            assertThat(fused[0].get(2).abs().max().getFloat()).isZero();
        }
    }

    @Test
    void theKernelAgreesWithTheLoopBelowAndAboveTheSafeHiddenSize() {
        try (NDManager manager = NDManager.newBaseManager()) {
            assertThat(FusedLstm.agrees(manager, 5, 16, LstmEncoder::loop)).isTrue();
            assertThat(FusedLstm.agrees(manager, 20, 32, LstmEncoder::loop)).isTrue();
        }
    }

    /** The last states [B, H], then the gradients of Σ last² · (b + 1) with respect to the input and each weight. */
    private static NDArray[] statesAndGradients(NDManager manager, int hidden, boolean fused) {
        java.util.Random random = new java.util.Random(hidden);
        NDArray x = uniform(manager, random, LENGTHS.length, STEPS, INPUTS);
        FusedLstm.Weights weights = new FusedLstm.Weights(uniform(manager, random, 4 * hidden, INPUTS),
                uniform(manager, random, 4 * hidden, hidden), uniform(manager, random, 4 * hidden),
                uniform(manager, random, 4 * hidden));
        NDArray[] leaves = {x, weights.input(), weights.recurrent(), weights.inputBias(), weights.recurrentBias()};
        for (NDArray leaf : leaves) {
            leaf.setRequiresGradient(true);
        }
        NDArray lengths = manager.create(LENGTHS);
        NDArray valid = manager.arange((long) STEPS).expandDims(0).lt(lengths.expandDims(1));
        NDArray last;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDList states = fused ? FusedLstm.run(weights, x, lengths, STEPS, true, false)
                    : LstmEncoder.loop(weights, x, valid, STEPS, false);
            last = states.get(0);
            NDArray scale = manager.arange(1f, LENGTHS.length + 1f).reshape(LENGTHS.length, 1);
            collector.backward(last.mul(last).mul(scale).sum());
        }
        NDArray[] result = new NDArray[leaves.length + 1];
        result[0] = last.duplicate();
        for (int i = 0; i < leaves.length; i++) {
            result[i + 1] = leaves[i].getGradient().duplicate();
        }
        return result;
    }

    private static NDArray uniform(NDManager manager, java.util.Random random, int... shape) {
        long[] dims = new long[shape.length];
        int size = 1;
        for (int i = 0; i < shape.length; i++) {
            dims[i] = shape[i];
            size *= shape[i];
        }
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextFloat() - 0.5f;
        }
        return manager.create(values, new Shape(dims));
    }
}
