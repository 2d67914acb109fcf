package io.mosaic.models.mult;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.Head;
import io.mosaic.api.model.Network;
import io.mosaic.api.model.PipelineFactory;
import io.mosaic.api.model.Taps;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MulT's forward pass: encoders, crossmodal fusion, pooling of each target's fused sequence, joint representation,
 * head. Every component records its taps under its slot's name; the network records {@code <m>.sequence},
 * {@code <m>.fused} (both with the modality's lengths), {@code <m>.pooled}, {@code joint} and the prediction.
 */
final class MultNetwork extends Network {

    /** The modules of each slot, keyed by the modalities read in modality order. */
    record Parts(Map<Modality, Encoder> encoders, Fusion fusion, Map<Modality, Encoder> pools, Fusion joint,
                 Head head) {
    }

    private final Parts parts;

    MultNetwork(Parts parts) {
        this.parts = parts;
        parts.encoders().forEach((m, e) -> child(MultFactory.encoderSlot(m), e));
        child(MultFactory.FUSION_SLOT, parts.fusion());
        parts.pools().forEach((m, e) -> child(MultFactory.poolSlot(m), e));
        child(MultFactory.JOINT_SLOT, parts.joint());
        child(MultFactory.HEAD_SLOT, parts.head());
    }

    @Override
    public void forward(ParameterStore parameters, Batch batch, Taps taps, boolean training) {
        Map<String, Features> sequences = new LinkedHashMap<>();
        parts.encoders().forEach((modality, encoder) -> {
            Features sequence = encoder.forward(parameters, batch.input(modality),
                    taps.scoped(MultFactory.encoderSlot(modality)), training);
            taps.put(Taps.sequence(modality.id()), sequence);
            sequences.put(modality.id(), sequence);
        });
        NDArray fused = parts.fusion().forward(parameters, sequences, taps.scoped(MultFactory.FUSION_SLOT), training)
                .values();
        Map<String, Features> pooled = new LinkedHashMap<>();
        long offset = 0;
        for (Map.Entry<Modality, Encoder> pool : parts.pools().entrySet()) {
            Modality modality = pool.getKey();
            Features input = sequences.get(modality.id());
            long steps = input.values().getShape().get(1);
            Features block = input.withValues(fused.get(new NDIndex(":, {}:{}", offset, offset + steps)));
            offset += steps;
            taps.put(MultFactory.fusedTap(modality), block);
            Features vector = pool.getValue().forward(parameters, block,
                    taps.scoped(MultFactory.poolSlot(modality)), training);
            taps.put(Taps.pooled(modality.id()), vector.values());
            pooled.put(modality.id(), vector);
        }
        Features joint = parts.joint().forward(parameters, pooled, taps.scoped(MultFactory.JOINT_SLOT), training);
        taps.put(Taps.JOINT, joint.values());
        taps.put(PipelineFactory.PREDICTION_TAP, parts.head().forward(parameters, joint,
                taps.scoped(MultFactory.HEAD_SLOT), training));
    }
}
