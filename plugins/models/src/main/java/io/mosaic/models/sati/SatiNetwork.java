package io.mosaic.models.sati;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.Head;
import io.mosaic.api.model.Network;
import io.mosaic.api.model.PipelineFactory;
import io.mosaic.api.model.Scalars;
import io.mosaic.api.model.Taps;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SATI's forward pass ({@code reference/sati.md} §2–§7): encoders and projection, alignment where lengths differ,
 * private and shared codes, semantic-guided fusion, context, pooling, head. Every component records its taps under
 * its slot's name; the network records the per-modality codes, {@code joint} and the prediction.
 */
final class SatiNetwork extends Network {

    /** The modules of each slot; the aligners only of the modalities whose length differs from the text's. */
    record Parts(Map<Modality, Encoder> encoders, Map<Modality, Fusion> aligners, Map<Modality, Encoder> privates,
                 Map<Modality, Encoder> shareds, Fusion fusion, Encoder context, Encoder pool, Head head) {
    }

    private final Parts parts;

    SatiNetwork(Parts parts) {
        this.parts = parts;
        parts.encoders().forEach((m, e) -> child(SatiFactory.encoderSlot(m), e));
        parts.aligners().forEach((m, f) -> child(SatiFactory.alignSlot(m), f));
        parts.privates().forEach((m, e) -> child(SatiFactory.privateSlot(m), e));
        parts.shareds().forEach((m, e) -> child(SatiFactory.sharedSlot(m), e));
        child(SatiFactory.FUSION_SLOT, parts.fusion());
        child(SatiFactory.CONTEXT_SLOT, parts.context());
        child(SatiFactory.POOL_SLOT, parts.pool());
        child(SatiFactory.HEAD_SLOT, parts.head());
    }

    @Override
    public void forward(ParameterStore parameters, Batch batch, Taps taps, boolean training) {
        Map<Modality, Features> projected = new LinkedHashMap<>();
        for (Modality modality : Modality.values()) {
            projected.put(modality, parts.encoders().get(modality).forward(parameters, batch.input(modality),
                    taps.scoped(SatiFactory.encoderSlot(modality)), training));
        }
        Features text = projected.get(Modality.TEXT);
        Map<String, Features> privateCodes = new LinkedHashMap<>();
        Map<String, Features> sharedCodes = new LinkedHashMap<>();
        for (Modality modality : Modality.values()) {
            Features sequence = projected.get(modality);
            Fusion aligner = parts.aligners().get(modality);
            if (aligner != null) {
                Map<String, Features> pair = new LinkedHashMap<>();
                pair.put(Modality.TEXT.id(), text);
                pair.put(modality.id(), sequence);
                sequence = aligner.forward(parameters, pair, taps.scoped(SatiFactory.alignSlot(modality)), training);
            }
            taps.put(SatiFactory.tap(modality, SatiFactory.PROJECTED), sequence);
            Features specific = parts.privates().get(modality).forward(parameters, sequence,
                    taps.scoped(SatiFactory.privateSlot(modality)), training);
            Features invariant = parts.shareds().get(modality).forward(parameters, sequence,
                    taps.scoped(SatiFactory.sharedSlot(modality)), training);
            taps.put(SatiFactory.tap(modality, SatiFactory.PRIVATE), specific);
            taps.put(SatiFactory.tap(modality, SatiFactory.SHARED), invariant);
            Features codes = specific.withValues(specific.values().concat(invariant.values(), 2));
            taps.put(Taps.sequence(modality.id()), codes);
            taps.put(Taps.pooled(modality.id()), validMean(codes));
            privateCodes.put(modality.id(), specific);
            sharedCodes.put(SatiFactory.sharedInput(modality), invariant);
        }
        Map<String, Features> fusionInputs = new LinkedHashMap<>(privateCodes);
        fusionInputs.putAll(sharedCodes);
        Features fused = parts.fusion().forward(parameters, fusionInputs, taps.scoped(SatiFactory.FUSION_SLOT),
                training);
        Features context = parts.context().forward(parameters, fused, taps.scoped(SatiFactory.CONTEXT_SLOT), training);
        Features joint = parts.pool().forward(parameters, context, taps.scoped(SatiFactory.POOL_SLOT), training);
        taps.put(Taps.JOINT, joint.values());
        taps.put(PipelineFactory.PREDICTION_TAP, parts.head().forward(parameters, joint,
                taps.scoped(SatiFactory.HEAD_SLOT), training));
    }

    /** The mean over each sample's valid steps, [B, D] (0 for a sample of length 0). */
    private static NDArray validMean(Features sequence) {
        NDArray mask = sequence.mask().toType(sequence.values().getDataType(), false).expandDims(2);
        NDArray counts = Scalars.atLeast(mask.sum(new int[] {1}), 1.0);
        return sequence.values().mul(mask).sum(new int[] {1}).div(counts);
    }
}
