package io.mosaic.encoders.recurrent;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.XavierInitializer;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;
import java.util.ArrayList;
import java.util.List;

/**
 * MMSA's AuViSubNet (Self-MM's audio and vision encoder, the "sLSTM"): a unidirectional, possibly stacked LSTM over
 * each sample's true length, then y = Linear(Dropout(h_n)) with h_n the top layer's hidden state at the sample's last
 * valid step [B, out]. The recurrence is written out in torch's gate order and parameter layout (each weight stacks
 * the rows of the input, forget, cell and output gates), per layer and step t:
 * <pre>
 * [i, f, g, o] = x_t W_ihᵀ + b_ih + h W_hhᵀ + b_hh
 * c' = σ(f) ⊙ c + σ(i) ⊙ tanh(g)
 * h' = σ(o) ⊙ tanh(c')
 * </pre>
 * from h = c = 0. A sample's state only advances while t &lt; its length, so what its padding holds never reaches
 * h_n (torch's packed sequence); a sample of length 0 keeps h_n = 0. Stacked layers read the layer below's states
 * through the same dropout, as torch's {@code LSTM(dropout=...)} and MMSA (one rate for both) do.
 *
 * <p>Each layer runs through torch's fused kernel with its state zero-padded to 32 units ({@link FusedLstm}: in
 * float32, libtorch 2.5.1's oneDNN kernel is wrong below hidden 32 on AVX-512) where that kernel agrees with the
 * recurrence written out here, checked once per layer shape; otherwise through {@link #loop}.
 */
final class LstmEncoder extends Encoder {
    private static final int GATES = 4;

    private final List<LayerWeights> layers = new ArrayList<>();
    private final int hidden;
    private final float dropout;
    private final Linear output;
    private final FeatureShape outputShape;

    /** One layer's parameters, named as torch names them ({@code weight_ih_l0}, ...). */
    private record LayerWeights(Parameter inputWeight, Parameter recurrentWeight, Parameter inputBias,
                                Parameter recurrentBias) {
    }

    /**
     * @param hidden the LSTM's state size H
     * @param out    the width of the linear map after it
     */
    LstmEncoder(FeatureShape input, int hidden, int out, int layers, double dropout, BuildContext context) {
        this.hidden = hidden;
        this.dropout = (float) dropout;
        this.outputShape = FeatureShape.vector(out);
        for (int layer = 0; layer < layers; layer++) {
            int inputs = layer == 0 ? input.dim() : hidden;
            Shape gates = new Shape(GATES * hidden);
            this.layers.add(new LayerWeights(
                    parameter("weight_ih_l" + layer, gates.add(inputs), new XavierInitializer(), context),
                    parameter("weight_hh_l" + layer, gates.add(hidden), new XavierInitializer(), context),
                    parameter("bias_ih_l" + layer, gates, new ConstantInitializer(0), context),
                    parameter("bias_hh_l" + layer, gates, new ConstantInitializer(0), context)));
        }
        this.output = child("linear", Linear.builder().setUnits(out).build(), context, new Shape(1, hidden));
    }

    @Override
    public FeatureShape output() {
        return outputShape;
    }

    @Override
    public Features forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
        NDArray values = input.values();
        NDArray valid = input.mask();
        // Steps at or beyond the longest length change no sample's state: the loop stops there.
        long steps = input.lengths().max().getLong();
        NDArray sequence = values;
        NDArray last = null;
        for (int layer = 0; layer < layers.size(); layer++) {
            if (layer > 0) {
                sequence = Dropout.dropout(sequence, dropout, training).singletonOrThrow();
            }
            boolean top = layer == layers.size() - 1;
            FusedLstm.Weights weights = weights(parameters, layers.get(layer), sequence.getDevice(), training);
            int inputs = Math.toIntExact(sequence.getShape().get(2));
            // (a batch of empty sequences has no step for the kernel to run: the loop gives its zero states)
            NDList states = steps > 0 && FusedLstm.agrees(sequence.getManager(), inputs, hidden, LstmEncoder::loop)
                    ? FusedLstm.run(weights, sequence, input.lengths(), steps, training, !top)
                    : loop(weights, sequence, valid, steps, !top);
            last = states.get(0);
            if (!top) {
                sequence = states.get(1);
            }
        }
        NDArray dropped = Dropout.dropout(last, dropout, training).singletonOrThrow();
        return Features.pooled(output.forward(parameters, new NDList(dropped), training).singletonOrThrow());
    }

    private static FusedLstm.Weights weights(ParameterStore parameters, LayerWeights layer, Device device,
                                             boolean training) {
        return new FusedLstm.Weights(parameters.getValue(layer.inputWeight(), device, training),
                parameters.getValue(layer.recurrentWeight(), device, training),
                parameters.getValue(layer.inputBias(), device, training),
                parameters.getValue(layer.recurrentBias(), device, training));
    }

    /**
     * Runs one layer over {@code sequence} [B, T, D] for the first {@code steps} steps, one step at a time.
     *
     * @param keepStates whether to return every step's state too, for the layer above
     * @return the state at each sample's last valid step [B, H], then (with {@code keepStates}) the states of every
     *         step [B, T, H], which hold the last valid state from each sample's length on
     */
    static NDList loop(FusedLstm.Weights weights, NDArray sequence, NDArray valid, long steps, boolean keepStates) {
        int hidden = weights.hidden();
        NDArray recurrent = weights.recurrent().transpose();
        // The input term of every step at once: x W_ihᵀ + b_ih + b_hh [B, T, 4H].
        NDArray inputTerms = sequence.matMul(weights.input().transpose()).add(weights.inputBias())
                .add(weights.recurrentBias());
        Shape state = new Shape(sequence.getShape().get(0), hidden);
        NDArray h = sequence.getManager().zeros(state, sequence.getDataType(), sequence.getDevice());
        NDArray c = h;
        // The steps as separate arrays: split's backward is one concatenation, where indexing step t of [B, T, 4H]
        // would make a gradient of the whole [B, T, 4H] at every step (quadratic in T).
        long length = sequence.getShape().get(1);
        NDList stepTerms = inputTerms.split(length, 1);
        // Whether each sample's state advances at each step, [B, 1, H] each.
        NDList advancing = valid.expandDims(2).broadcast(state.get(0), length, hidden).split(length, 1);
        NDList states = new NDList();
        for (int t = 0; t < steps; t++) {
            NDArray gates = stepTerms.get(t).squeeze(1).add(h.matMul(recurrent));
            // One sigmoid over the four gates (the cell gate's is unused) instead of three.
            NDList sigmoids = Activation.sigmoid(gates).split(GATES, 1);
            NDArray candidate = gates.get(new NDIndex(":, {}:{}", 2 * hidden, 3 * hidden)).tanh();
            NDArray cell = sigmoids.get(1).mul(c).add(sigmoids.get(0).mul(candidate));
            NDArray next = sigmoids.get(3).mul(cell.tanh());
            NDArray advances = advancing.get(t).squeeze(1);
            h = NDArrays.where(advances, next, h);
            c = NDArrays.where(advances, cell, c);
            if (keepStates) {
                states.add(h);
            }
        }
        NDList result = new NDList(h);
        if (keepStates) {
            for (long t = steps; t < length; t++) {
                states.add(h);
            }
            result.add(NDArrays.stack(states, 1));
        }
        return result;
    }
}
