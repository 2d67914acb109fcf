package io.mosaic.models.cider;

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
 * CIDer's forward pass ({@code reference/cider.md} §3): projection, word-level alignment of audio and vision,
 * recurrent context, joint fusion, pooling, joint representation, head. Every component records its taps under its
 * slot's name; the network records {@code <m>.sequence} (the word-level context codes, with their lengths),
 * {@code <m>.pooled}, {@code joint}, the prediction and, in training passes with reconstruction heads,
 * {@code reconstruction.<modality>}.
 */
final class CiderNetwork extends Network {

    /** The modules of each slot (the aligners of audio and vision only) and the optional reconstruction heads. */
    record Parts(Map<Modality, Encoder> projections, Map<Modality, Fusion> aligners, Map<Modality, Encoder> contexts,
                 Fusion fusion, Map<Modality, Encoder> pools, Fusion joint, Head head, Reconstruction reconstruction) {
    }

    private final Parts parts;

    CiderNetwork(Parts parts) {
        this.parts = parts;
        parts.projections().forEach((m, e) -> child(CiderFactory.projectionSlot(m), e));
        parts.aligners().forEach((m, f) -> child(CiderFactory.alignSlot(m), f));
        parts.contexts().forEach((m, e) -> child(CiderFactory.contextSlot(m), e));
        child(CiderFactory.FUSION_SLOT, parts.fusion());
        parts.pools().forEach((m, e) -> child(CiderFactory.poolSlot(m), e));
        child(CiderFactory.JOINT_SLOT, parts.joint());
        child(CiderFactory.HEAD_SLOT, parts.head());
        if (parts.reconstruction() != null) {
            child("reconstruction", parts.reconstruction());
        }
    }

    @Override
    public void forward(ParameterStore parameters, Batch batch, Taps taps, boolean training) {
        Map<Modality, Features> projected = new LinkedHashMap<>();
        for (Modality modality : Modality.values()) {
            projected.put(modality, parts.projections().get(modality).forward(parameters, batch.input(modality),
                    taps.scoped(CiderFactory.projectionSlot(modality)), training));
        }
        Features text = projected.get(Modality.TEXT);
        Map<String, Features> fusionInputs = new LinkedHashMap<>();
        for (Modality modality : Modality.values()) {
            Features sequence = projected.get(modality);
            if (modality != Modality.TEXT && steps(sequence) != steps(text)) {
                Map<String, Features> pair = new LinkedHashMap<>();
                pair.put(Modality.TEXT.id(), text);
                pair.put(modality.id(), sequence);
                sequence = parts.aligners().get(modality).forward(parameters, pair,
                        taps.scoped(CiderFactory.alignSlot(modality)), training);
            }
            Features context = parts.contexts().get(modality).forward(parameters, sequence,
                    taps.scoped(CiderFactory.contextSlot(modality)), training);
            taps.put(Taps.sequence(modality.id()), context);
            fusionInputs.put(modality.id(), context);
        }
        NDArray fused = parts.fusion().forward(parameters, fusionInputs, taps.scoped(CiderFactory.FUSION_SLOT),
                training).values();
        Map<String, Features> pooled = new LinkedHashMap<>();
        long offset = 0;
        for (Modality modality : Modality.values()) {
            Features input = fusionInputs.get(modality.id());
            long steps = steps(input);
            Features block = input.withValues(fused.get(new NDIndex(":, {}:{}", offset, offset + steps)));
            offset += steps;
            Features vector = parts.pools().get(modality).forward(parameters, block,
                    taps.scoped(CiderFactory.poolSlot(modality)), training);
            taps.put(Taps.pooled(modality.id()), vector.values());
            pooled.put(modality.id(), vector);
            if (training && parts.reconstruction() != null) {
                taps.put(CiderFactory.reconstructionTap(modality),
                        parts.reconstruction().reconstruct(parameters, modality, block.values(), training));
            }
        }
        Features joint = parts.joint().forward(parameters, pooled, taps.scoped(CiderFactory.JOINT_SLOT), training);
        taps.put(CiderFactory.JOINT_TAP, joint.values());
        taps.put(PipelineFactory.PREDICTION_TAP, parts.head().forward(parameters, joint,
                taps.scoped(CiderFactory.HEAD_SLOT), training));
    }

    private static long steps(Features features) {
        return features.values().getShape().get(1);
    }
}
