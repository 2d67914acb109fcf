package io.mosaic.encoders.recurrent;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.Concatenation;
import io.mosaic.api.model.Features;
import io.mosaic.encoders.support.Sequences;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One-layer GRUs of several modalities, each over its own sequence, run as one GRU of their summed widths whose
 * weights are block-diagonal: GRU i's gates read only its own input columns and its own state units (the blocks
 * between GRUs are zeros, which add exactly nothing), so every GRU's states are its own, up to float rounding. A
 * shorter sequence is padded at its end with zero steps, whose states are dropped: the recurrence runs left to right,
 * so they never reach the steps before. For the same reason the recurrence stops at the batch's longest real sequence
 * (the largest length among all members' samples), as LstmEncoder's does: the steps after it are padding for every
 * sample, and their states, zero in the output, are not computed (an evaluation batches the validation split by
 * length, so that its batches of short samples run short). k GRUs of T_1..T_k steps become one recurrence of at most
 * max T_i steps; at the small widths where a time step costs mostly the engine's fixed cost per operation (a [32, 16]
 * x [16, 48] product), that is the saving (bench/performance-log.md). The zero blocks are constants:
 * the gradients reach each GRU's own weights only.
 */
final class JointGru {
    private static final int GATES = 3;

    private JointGru() {
    }

    /** What GRUs share to run jointly: the hidden size, and padded lengths within one power of two. */
    record Key(int hidden, int lengthBits) {
    }

    /**
     * The joint key of a one-layer GRU of {@code hidden} units over {@code steps} padded steps. GRUs of one width
     * whose lengths have the same bit length (375 and 500, not 50 and 500) join: no member's steps are half padding or
     * more. Measured on the baseline's shapes (bench/performance-log.md), joining a 50-step GRU of 32 units to two of
     * 375 and 500 steps of 16 made an evaluation 1.5 to 1.9 times as slow.
     */
    static Key key(int hidden, int steps) {
        return new Key(hidden, Integer.SIZE - Integer.numberOfLeadingZeros(steps));
    }

    /** The states [B, T_i, H_i] of each of {@code grus} over its input, zero at and after each sample's length. */
    static List<Features> forward(ParameterStore parameters, List<GruEncoder> grus, List<Features> inputs,
                                  boolean training) {
        NDArray head = inputs.get(0).values();
        NDManager manager = head.getManager();
        Device device = head.getDevice();
        long batch = head.getShape().get(0);
        long steps = inputs.stream().mapToLong(Sequences::longestLength).max().orElseThrow();
        long[] widths = inputs.stream().mapToLong(input -> input.values().getShape().get(2)).toArray();
        long[] hidden = grus.stream().mapToLong(GruEncoder::hidden).toArray();

        NDList columns = new NDList();
        for (Features input : inputs) {
            columns.add(Sequences.paddedTo(Sequences.firstSteps(input.values(), steps), steps).transpose(1, 0, 2));
        }
        // one contiguous, time-major [T, B, ΣD_i] (a concatenation is laid out afresh): libtorch's gru projects every
        // step's input in one product only then; given a batch-first input it transposes it, and libtorch 2.5's matmul
        // multiplies the non-contiguous [T, B, D] by the weights step by step when autograd does not record
        NDArray x = Concatenation.of(columns, 2);
        NDList weights = new NDList();
        List<List<Parameter>> each = grus.stream().map(GruEncoder::weights).toList();
        for (int p = 0; p < each.get(0).size(); p++) {
            int at = p;
            List<NDArray> blocks = each.stream().map(own -> parameters.getValue(own.get(at), device, training))
                    .toList();
            String name = each.get(0).get(p).getName();
            weights.add(name.contains("BIAS") ? gateWise(blocks, hidden)
                    : blockDiagonal(manager, blocks, hidden, name.contains("i2h") ? widths : hidden));
        }
        NDArray zero = manager.zeros(new Shape(1, batch, Arrays.stream(hidden).sum()), head.getDataType(), device);
        NDArray states = x.getNDArrayInternal().gru(x, zero, weights, true, 1, 0, training, false, false).get(0);

        List<Features> results = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < inputs.size(); i++) {
            Features input = inputs.get(i);
            long run = Math.min(input.values().getShape().get(1), steps);
            NDArray own = states.get(new NDIndex("0:{}, :, {}:{}", run, offset, offset + hidden[i]))
                    .transpose(1, 0, 2);
            results.add(Sequences.statesOf(input, own));
            offset += hidden[i];
        }
        return results;
    }

    /**
     * The weights [3 H_i, C_i] of each GRU as one [3 ΣH, ΣC]: gate by gate (reset, update, new, libtorch's order),
     * GRU i's rows in its own columns, zeros elsewhere.
     */
    private static NDArray blockDiagonal(NDManager manager, List<NDArray> blocks, long[] hidden, long[] columns) {
        long width = Arrays.stream(columns).sum();
        NDList rows = new NDList();
        long before = 0;
        for (int i = 0; i < blocks.size(); i++) {
            NDArray block = blocks.get(i);
            long after = width - before - columns[i];
            NDList parts = new NDList();
            if (before > 0) {
                parts.add(manager.zeros(new Shape(GATES * hidden[i], before), block.getDataType(),
                        block.getDevice()));
            }
            parts.add(block);
            if (after > 0) {
                parts.add(manager.zeros(new Shape(GATES * hidden[i], after), block.getDataType(), block.getDevice()));
            }
            rows.add(Concatenation.of(parts, 1).reshape(GATES, hidden[i], width));
            before += columns[i];
        }
        return Concatenation.of(rows, 1).reshape(GATES * Arrays.stream(hidden).sum(), width);
    }

    /** The biases [3 H_i] of each GRU as one [3 ΣH], gate by gate. */
    private static NDArray gateWise(List<NDArray> biases, long[] hidden) {
        NDList gates = new NDList();
        for (int i = 0; i < biases.size(); i++) {
            gates.add(biases.get(i).reshape(GATES, hidden[i]));
        }
        return Concatenation.of(gates, 1).reshape(GATES * Arrays.stream(hidden).sum());
    }
}
