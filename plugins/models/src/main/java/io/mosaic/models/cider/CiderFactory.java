package io.mosaic.models.cider;

import static io.mosaic.models.support.SlotShapes.requireSequence;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.Head;
import io.mosaic.api.model.Network;
import io.mosaic.api.model.PipelineContext;
import io.mosaic.api.model.PipelineFactory;
import io.mosaic.api.model.Slot;
import io.mosaic.api.model.Taps;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * {@code cider}: CIDer's model ({@code reference/cider.md} §3) with every part in its own slot. Per modality, a
 * per-step projection; audio and vision aligned to the words by a text-query attention when their length differs
 * from the text's (WSAM); a recurrent context encoder; the three sequences fused jointly (MCT); per-modality
 * pooling; a joint representation; a head (MCM for MACI). With {@code reconstruct}, the pipeline's own
 * reconstruction heads map the fused sequences back to the raw features, for MSSD's feature reconstruction.
 */
@Component(service = PipelineFactory.class)
@MosaicComponent(kind = ComponentKind.PIPELINE, name = "cider")
public final class CiderFactory implements PipelineFactory {
    static final String RECONSTRUCT = "reconstruct";
    static final String FUSION_SLOT = "fusion";
    static final String JOINT_SLOT = "joint";
    static final String HEAD_SLOT = "head";
    static final String JOINT_TAP = "joint";
    static final String RECONSTRUCTION_TAP = "reconstruction";

    private static final ParameterSchema SCHEMA = ParameterSchema.builder()
            .bool(RECONSTRUCT, true, "Adds the reconstruction heads (taps reconstruction.<modality>) that MSSD's "
                    + "feature reconstruction reads; without them the model has none of their parameters.")
            .build();

    /** The slot of {@code modality}'s per-step projection. */
    static String projectionSlot(Modality modality) {
        return modality.id();
    }

    /** The slot of the alignment of {@code modality} (audio or vision) to the words. */
    static String alignSlot(Modality modality) {
        return modality.id() + "-align";
    }

    static String contextSlot(Modality modality) {
        return modality.id() + "-context";
    }

    static String poolSlot(Modality modality) {
        return modality.id() + "-pool";
    }

    static String reconstructionTap(Modality modality) {
        return RECONSTRUCTION_TAP + "." + modality.id();
    }

    @Override
    public String description() {
        return "CIDer: per-modality projection, word-level alignment of audio and vision (WSAM), recurrent context, "
                + "joint fusion of the three sequences (MCT), per-modality pooling, joint representation and head.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public List<Slot> slots() {
        List<Slot> slots = new ArrayList<>();
        for (Modality modality : Modality.values()) {
            slots.add(Slot.encoderChain(projectionSlot(modality), "Per-step encoders of the raw " + modality.id()
                    + " frames (CIDer: pointwise-projection to 32, no bias); every modality must end at one width."));
        }
        for (Modality modality : List.of(Modality.AUDIO, Modality.VISION)) {
            slots.add(Slot.single(alignSlot(modality), ComponentKind.FUSION, "Aligns the projected "
                    + modality.id() + " frames to the words: inputs text (queries) then " + modality.id()
                    + "; applied only when the " + modality.id() + " has another length than the text (CIDer: wsam)."));
        }
        for (Modality modality : Modality.values()) {
            slots.add(Slot.encoderChain(contextSlot(modality), "Sequence encoders of the word-level "
                    + modality.id() + " (CIDer: gru with hidden 32)."));
        }
        slots.add(Slot.single(FUSION_SLOT, ComponentKind.FUSION, "Fuses the three word-level sequences, inputs text, "
                + "audio, vision; returns them concatenated over time (CIDer: mct; the ablation: transformer)."));
        for (Modality modality : Modality.values()) {
            slots.add(Slot.single(poolSlot(modality), ComponentKind.ENCODER, "Pools the fused " + modality.id()
                    + " sequence to one vector (CIDer: attention-pool)."));
        }
        slots.add(Slot.single(JOINT_SLOT, ComponentKind.FUSION, "Joins the pooled vectors, inputs text, audio, "
                + "vision (CIDer: residual-mlp)."));
        slots.add(Slot.single(HEAD_SLOT, ComponentKind.HEAD, "Maps the joint representation to the task's outputs "
                + "(CIDer: mcm, MACI's backdoor adjustment)."));
        return List.copyOf(slots);
    }

    /**
     * {@code joint}, the prediction, and per modality {@code <m>.sequence} (the word-level context codes),
     * {@code <m>.pooled} and {@code reconstruction.<m>}.
     */
    @Override
    public Set<String> taps() {
        Set<String> taps = new LinkedHashSet<>(List.of(JOINT_TAP, PREDICTION_TAP));
        for (Modality modality : Modality.values()) {
            taps.add(Taps.sequence(modality.id()));
            taps.add(Taps.pooled(modality.id()));
            taps.add(reconstructionTap(modality));
        }
        return Set.copyOf(taps);
    }

    @Override
    public Network create(Parameters parameters, PipelineContext context) {
        Map<Modality, Encoder> projections = new EnumMap<>(Modality.class);
        Map<Modality, FeatureShape> projected = new EnumMap<>(Modality.class);
        for (Modality modality : Modality.values()) {
            Encoder encoder = context.encoder(projectionSlot(modality), context.data().input(modality));
            projections.put(modality, encoder);
            projected.put(modality, requireSequence(encoder.output(), projectionSlot(modality)));
        }
        FeatureShape text = projected.get(Modality.TEXT);
        Map<Modality, Fusion> aligners = new EnumMap<>(Modality.class);
        Map<Modality, FeatureShape> aligned = new EnumMap<>(Modality.class);
        aligned.put(Modality.TEXT, text);
        for (Modality modality : List.of(Modality.AUDIO, Modality.VISION)) {
            Map<String, FeatureShape> inputs = new LinkedHashMap<>();
            inputs.put(Modality.TEXT.id(), text);
            inputs.put(modality.id(), projected.get(modality));
            Fusion aligner = context.fusion(alignSlot(modality), inputs);
            aligners.put(modality, aligner);
            boolean needed = projected.get(modality).steps() != text.steps();
            aligned.put(modality, needed ? aligner.output() : projected.get(modality));
        }
        Map<Modality, Encoder> contexts = new EnumMap<>(Modality.class);
        Map<String, FeatureShape> fusionInputs = new LinkedHashMap<>();
        for (Modality modality : Modality.values()) {
            Encoder encoder = context.encoder(contextSlot(modality), aligned.get(modality));
            contexts.put(modality, encoder);
            fusionInputs.put(modality.id(), requireSequence(encoder.output(), contextSlot(modality)));
        }
        Fusion fusion = context.fusion(FUSION_SLOT, fusionInputs);
        int total = fusionInputs.values().stream().mapToInt(FeatureShape::steps).sum();
        if (fusion.output().steps() != total) {
            throw new IllegalArgumentException("the fusion slot must return the three sequences concatenated over "
                    + "time (" + total + " steps), but returns " + fusion.output());
        }
        Map<Modality, Encoder> pools = new EnumMap<>(Modality.class);
        Map<String, FeatureShape> pooled = new LinkedHashMap<>();
        for (Modality modality : Modality.values()) {
            FeatureShape block = fusionInputs.get(modality.id()).withDim(fusion.output().dim());
            Encoder pool = context.encoder(poolSlot(modality), block);
            pools.put(modality, pool);
            pooled.put(modality.id(), pool.output());
        }
        Fusion joint = context.fusion(JOINT_SLOT, pooled);
        Head head = context.head(HEAD_SLOT, joint.output(), context.data().task().outputs());
        Reconstruction reconstruction = parameters.bool(RECONSTRUCT)
                ? new Reconstruction(fusionInputs, fusion.output().dim(), context) : null;
        return new CiderNetwork(new CiderNetwork.Parts(projections, aligners, contexts, fusion, pools, joint, head,
                reconstruction));
    }
}
