package io.mosaic.encoders.recurrent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.recurrent.GRU;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;
import java.util.List;

/**
 * A unidirectional, possibly stacked GRU over a padded sequence [B, T, D] that returns every step's top-layer hidden
 * state [B, T, H] with the same lengths. The recurrence runs left to right, so the state at step t < length only
 * depends on the steps 0..t of that sample and never on its padding; steps at or after the length are set to 0.
 * One-layer GRUs of several modalities, of one width and similar lengths, run jointly as one GRU ({@link JointGru}),
 * whose recurrence stops at the batch's longest sequence.
 */
final class GruEncoder extends Encoder {
    private final GRU gru;
    private final FeatureShape output;
    private final int layers;
    private final int steps;

    GruEncoder(FeatureShape input, int hidden, int layers, double dropout, BuildContext context) {
        this.output = input.withDim(hidden);
        this.layers = layers;
        this.steps = input.steps();
        GRU block = GRU.builder()
                .setStateSize(hidden)
                .setNumLayers(layers)
                .optDropRate((float) dropout)
                .optBatchFirst(true)
                .build();
        this.gru = child("gru", block, context, new Shape(1, input.steps(), input.dim()));
    }

    @Override
    public FeatureShape output() {
        return output;
    }

    @Override
    public Features forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
        return input.withValuesPaddingZeroed(everyStep(parameters, input.values(), training));
    }

    /**
     * The top layer's states [B, T, H] at every padded step of {@code values} [B, T, D], by DJL's GRU block (libtorch's
     * {@code gru} over the batch-first sequence, with dropout between stacked layers): how a GRU alone runs, and what
     * the tests hold the joint GRU to.
     */
    NDArray everyStep(ParameterStore parameters, NDArray values, boolean training) {
        return gru.forward(parameters, new NDList(values), training).singletonOrThrow();
    }

    @Override
    public Object jointKey() {
        return layers == 1 ? JointGru.key(output.dim(), steps) : null;
    }

    @Override
    public List<Features> forwardJointly(ParameterStore parameters, List<Encoder> members, List<Features> inputs,
                                         boolean training) {
        return JointGru.forward(parameters, members.stream().map(GruEncoder.class::cast).toList(), inputs,
                training);
    }

    int hidden() {
        return output.dim();
    }

    /** The GRU's parameters in the order DJL's GRU hands them to libtorch's {@code gru}. */
    List<Parameter> weights() {
        return gru.getParameters().values();
    }
}
