package io.mosaic.encoders.recurrent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mosaic.api.model.Scalars;
import io.mosaic.encoders.support.Sequences;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One LSTM layer through torch's fused kernel ({@code at::lstm}, one native call for the whole sequence) instead of
 * {@link LstmEncoder}'s loop of about twenty operations per step. In float32, libtorch 2.5.1 runs it through oneDNN,
 * whose AVX-512 kernel returns wrong states below hidden 32 (README, {@code lstm}); so the state is zero-padded to at
 * least {@value #SAFE_HIDDEN} units per gate: the padded rows and columns of the weights and biases are zeros, which
 * keeps the padded units at exactly 0 (c' = σ(0)·0 + σ(0)·tanh(0) = 0, h' = σ(0)·tanh(0) = 0) and out of the real
 * units' gates, and, being constants, receive no gradient. Whether the fused kernel agrees with the loop is checked
 * once per process and layer shape, on fixed data; where it does not, the loop runs.
 */
final class FusedLstm {
    /** The smallest hidden size oneDNN's kernel was found exact at. */
    static final int SAFE_HIDDEN = 32;
    /** How far the fused kernel's states may be from the loop's for the kernel to be used. */
    static final double TOLERANCE = 1e-5;
    private static final int GATES = 4;
    private static final Map<List<Integer>, Boolean> AGREES = new ConcurrentHashMap<>();

    private FusedLstm() {
    }

    /** One layer's weights in torch's layout: W_ih [4H, D], W_hh [4H, H], b_ih and b_hh [4H]. */
    record Weights(NDArray input, NDArray recurrent, NDArray inputBias, NDArray recurrentBias) {
        int hidden() {
            return Math.toIntExact(recurrent.getShape().get(1));
        }
    }

    /** Runs a layer the way the loop does; {@link LstmEncoder}'s own recurrence. */
    interface Loop {
        NDList run(Weights weights, NDArray sequence, NDArray valid, long steps, boolean keepStates);
    }

    /**
     * Whether the fused kernel gives the loop's states for a layer of {@code inputs} features and {@code hidden} units,
     * checked once per process on two fixed sequences (lengths 7 and 4).
     */
    static boolean agrees(NDManager manager, int inputs, int hidden, Loop loop) {
        return AGREES.computeIfAbsent(List.of(inputs, hidden), key -> {
            try (NDManager scratch = manager.newSubManager()) {
                Random random = new Random(inputs * 31L + hidden);
                Weights weights = new Weights(uniform(scratch, random, GATES * hidden, inputs),
                        uniform(scratch, random, GATES * hidden, hidden), uniform(scratch, random, GATES * hidden),
                        uniform(scratch, random, GATES * hidden));
                NDArray sequence = uniform(scratch, random, 2, 7, inputs);
                NDArray lengths = scratch.create(new long[] {7, 4});
                NDArray valid = scratch.arange(7L).expandDims(0).lt(lengths.expandDims(1));
                NDList expected = loop.run(weights, sequence, valid, 7, true);
                NDList found = run(weights, sequence, lengths, 7, false, true);
                double last = expected.get(0).sub(found.get(0)).abs().max().getFloat();
                // states before each length: after it, the loop holds the last state, the kernel reads padding
                NDArray before = valid.expandDims(2);
                double states = expected.get(1).sub(found.get(1)).abs().mul(before).max().getFloat();
                return Math.max(last, states) <= TOLERANCE;
            }
        });
    }

    /**
     * Runs the layer over the first {@code steps} steps of {@code sequence} [B, T, D].
     *
     * @param lengths each sample's number of valid steps [B]
     * @return the state at each sample's last valid step [B, H] (0 for a sample of length 0), then (with
     *         {@code keepStates}) the states of every step [B, T, H], whose steps at or after a sample's length hold
     *         what the kernel computed over its padding (the layer above never reads them)
     */
    static NDList run(Weights weights, NDArray sequence, NDArray lengths, long steps, boolean training,
                      boolean keepStates) {
        int hidden = weights.hidden();
        int width = Math.max(hidden, SAFE_HIDDEN);
        long batch = sequence.getShape().get(0);
        long length = sequence.getShape().get(1);
        NDArray x = Sequences.firstSteps(sequence, steps);
        NDList parameters = new NDList(padded(weights.input(), hidden, width, false),
                padded(weights.recurrent(), hidden, width, true), padded(weights.inputBias(), hidden, width, false),
                padded(weights.recurrentBias(), hidden, width, false));
        NDArray zero = x.getManager().zeros(new Shape(1, batch, width), x.getDataType(), x.getDevice());
        NDArray states = x.getNDArrayInternal().lstm(x, new NDList(zero, zero), parameters, true, 1, 0, training,
                false, true).get(0);
        if (width > hidden) {
            states = states.get(new NDIndex(":, :, 0:{}", hidden));
        }
        NDArray steps64 = lengths.toType(DataType.INT64, false);
        NDArray lastStep = steps64.sub(Scalars.constant(steps64, 1)).maximum(Scalars.constant(steps64, 0))
                .reshape(batch, 1, 1).broadcast(batch, 1, hidden);
        NDArray last = states.gather(lastStep, 1).squeeze(1);
        NDArray started = steps64.gt(Scalars.constant(steps64, 0)).reshape(batch, 1);
        last = Scalars.keepOnly(last, started);
        NDList result = new NDList(last);
        if (keepStates) {
            result.add(Sequences.paddedTo(states, length));
        }
        return result;
    }

    /** {@code w} [4H, ...] with each gate's block padded with zero rows to {@code width} (and columns, if recurrent). */
    private static NDArray padded(NDArray w, int hidden, int width, boolean recurrent) {
        if (width == hidden) {
            return w;
        }
        Shape shape = w.getShape();
        long columns = shape.dimension() == 2 ? shape.get(1) : 1;
        NDArray gates = w.reshape(GATES, hidden, columns);
        NDArray rows = gates.concat(gates.getManager().zeros(new Shape(GATES, width - hidden, columns),
                w.getDataType(), w.getDevice()), 1);
        if (recurrent) {
            rows = rows.concat(rows.getManager().zeros(new Shape(GATES, width, width - hidden), w.getDataType(),
                    w.getDevice()), 2);
            columns = width;
        }
        return shape.dimension() == 2 ? rows.reshape(GATES * width, columns) : rows.reshape(GATES * width);
    }

    private static NDArray uniform(NDManager manager, Random random, int... shape) {
        long size = 1;
        long[] dims = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = shape[i];
            size *= shape[i];
        }
        float[] values = new float[Math.toIntExact(size)];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat() - 0.5f;
        }
        return manager.create(values, new Shape(dims));
    }
}
