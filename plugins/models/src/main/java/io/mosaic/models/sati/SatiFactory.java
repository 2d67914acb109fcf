package io.mosaic.models.sati;

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
 * {@code sati}: SATI's model ({@code reference/sati.md} §2–§7) with every part in its own slot. Per modality, encoders
 * of the raw frames ending in a per-step projection to the common width H; audio and vision aligned to the words when
 * their length differs from the text's; a private (specific) and a shared (invariant) per-step encoder, the shared one
 * usually one instance in all three slots (the assembly's {@code shared:} block); the semantic-guided fusion of the
 * private codes gated by the shared ones; a context encoder over the fused sequence; pooling; a head.
 *
 * <p>Taps, besides {@code prediction} and {@code joint}, per modality m: {@code m.projected} (the projection, the
 * reconstruction target), {@code m.private}, {@code m.shared}, {@code m.sequence} (private ‖ shared) with their
 * lengths, and {@code m.pooled} (the time-mean of {@code m.sequence} over valid steps).
 */
@Component(service = PipelineFactory.class)
@MosaicComponent(kind = ComponentKind.PIPELINE, name = "sati")
public final class SatiFactory implements PipelineFactory {
    static final String FUSION_SLOT = "fusion";
    static final String CONTEXT_SLOT = "context";
    static final String POOL_SLOT = "pool";
    static final String HEAD_SLOT = "head";
    static final String PROJECTED = "projected";
    static final String PRIVATE = "private";
    static final String SHARED = "shared";

    private static final ParameterSchema SCHEMA = ParameterSchema.builder().build();

    static String encoderSlot(Modality modality) {
        return modality.id();
    }

    static String alignSlot(Modality modality) {
        return modality.id() + "-align";
    }

    static String privateSlot(Modality modality) {
        return modality.id() + "-" + PRIVATE;
    }

    static String sharedSlot(Modality modality) {
        return modality.id() + "-" + SHARED;
    }

    /** A per-modality tap: {@code <m>.<what>}. */
    static String tap(Modality modality, String what) {
        return modality.id() + "." + what;
    }

    /** The fusion input of {@code modality}'s shared codes: {@code <m>.shared}. */
    static String sharedInput(Modality modality) {
        return tap(modality, SHARED);
    }

    @Override
    public String description() {
        return "SATI: per-modality encoders and projection to H, word-level alignment of audio and vision when "
                + "needed, private and shared (invariant) per-step codes, semantic-guided fusion gated by the shared "
                + "codes, a context encoder, pooling and a head.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public List<Slot> slots() {
        List<Slot> slots = new ArrayList<>();
        for (Modality modality : Modality.values()) {
            slots.add(Slot.encoderChain(encoderSlot(modality), "Encoders of the raw " + modality.id() + " frames, "
                    + "ending at the common width H per step (SATI: a transformer-encoder over audio and vision, then "
                    + "pointwise-projection to 128 with ReLU and LayerNorm)."));
        }
        for (Modality modality : List.of(Modality.AUDIO, Modality.VISION)) {
            slots.add(Slot.single(alignSlot(modality), ComponentKind.FUSION, "Aligns the projected "
                    + modality.id() + " to the words: inputs text (queries) then " + modality.id() + "; built and "
                    + "applied only when the " + modality.id() + " has another length than the text (wsam)."));
        }
        for (Modality modality : Modality.values()) {
            slots.add(Slot.encoderChain(privateSlot(modality), "The private (modality-specific) per-step encoder "
                    + "E_S of " + modality.id() + " (SATI: pointwise-projection to 128 with a sigmoid)."));
        }
        for (Modality modality : Modality.values()) {
            slots.add(Slot.encoderChain(sharedSlot(modality), "The shared (invariant) per-step encoder E_I applied to "
                    + modality.id() + " (SATI: one instance in the three slots, named in the assembly's shared: block)."));
        }
        slots.add(Slot.single(FUSION_SLOT, ComponentKind.FUSION, "Fuses the private codes, inputs text, audio, vision, "
                + "guided by the shared codes, inputs text.shared, audio.shared, vision.shared; returns a sequence "
                + "(SATI: semantic-fusion)."));
        slots.add(Slot.encoderChain(CONTEXT_SLOT, "Encoders of the fused sequence (SATI: a 1-layer, 1-head "
                + "transformer-encoder)."));
        slots.add(Slot.single(POOL_SLOT, ComponentKind.ENCODER, "Pools the fused sequence to the joint vector "
                + "(SATI: masked-mean-pool)."));
        slots.add(Slot.single(HEAD_SLOT, ComponentKind.HEAD, "Maps the joint vector to the task's outputs (SATI: mlp "
                + "with one hidden layer of 128)."));
        return List.copyOf(slots);
    }

    @Override
    public Set<String> taps() {
        Set<String> taps = new LinkedHashSet<>(List.of(Taps.JOINT, PREDICTION_TAP));
        for (Modality modality : Modality.values()) {
            for (String what : List.of(PROJECTED, PRIVATE, SHARED)) {
                taps.add(tap(modality, what));
            }
            taps.add(Taps.sequence(modality.id()));
            taps.add(Taps.pooled(modality.id()));
        }
        return Set.copyOf(taps);
    }

    @Override
    public Network create(Parameters parameters, PipelineContext context) {
        Map<Modality, Encoder> encoders = new EnumMap<>(Modality.class);
        Map<Modality, FeatureShape> projected = new EnumMap<>(Modality.class);
        for (Modality modality : Modality.values()) {
            Encoder encoder = context.encoder(encoderSlot(modality), context.data().input(modality));
            encoders.put(modality, encoder);
            projected.put(modality, requireSequence(encoder.output(), encoderSlot(modality)));
        }
        FeatureShape text = projected.get(Modality.TEXT);
        Map<Modality, Fusion> aligners = new EnumMap<>(Modality.class);
        Map<Modality, FeatureShape> aligned = new EnumMap<>(Modality.class);
        for (Modality modality : Modality.values()) {
            FeatureShape shape = projected.get(modality);
            if (modality != Modality.TEXT && shape.steps() != text.steps()) {
                Map<String, FeatureShape> pair = new LinkedHashMap<>();
                pair.put(Modality.TEXT.id(), text);
                pair.put(modality.id(), shape);
                Fusion aligner = context.fusion(alignSlot(modality), pair);
                aligners.put(modality, aligner);
                shape = requireSequence(aligner.output(), alignSlot(modality));
            }
            if (shape.steps() != text.steps() || shape.dim() != text.dim()) {
                throw new IllegalArgumentException("every modality must reach the text's " + text + " steps and "
                        + "width before the private and shared encoders, but " + modality.id() + " is " + shape);
            }
            aligned.put(modality, shape);
        }
        Map<Modality, Encoder> privates = new EnumMap<>(Modality.class);
        Map<Modality, Encoder> shareds = new EnumMap<>(Modality.class);
        Map<String, FeatureShape> fusionInputs = new LinkedHashMap<>();
        Map<String, FeatureShape> sharedInputs = new LinkedHashMap<>();
        for (Modality modality : Modality.values()) {
            Encoder specific = context.encoder(privateSlot(modality), aligned.get(modality));
            Encoder invariant = context.encoder(sharedSlot(modality), aligned.get(modality));
            privates.put(modality, specific);
            shareds.put(modality, invariant);
            fusionInputs.put(modality.id(), requireSequence(specific.output(), privateSlot(modality)));
            sharedInputs.put(sharedInput(modality), requireSequence(invariant.output(), sharedSlot(modality)));
        }
        fusionInputs.putAll(sharedInputs);
        Fusion fusion = context.fusion(FUSION_SLOT, fusionInputs);
        Encoder sequenceContext = context.encoder(CONTEXT_SLOT, requireSequence(fusion.output(), FUSION_SLOT));
        Encoder pool = context.encoder(POOL_SLOT, requireSequence(sequenceContext.output(), CONTEXT_SLOT));
        if (pool.output().isSequence()) {
            throw new IllegalArgumentException("slot '" + POOL_SLOT + "' must pool the sequence to one vector, but "
                    + "returns " + pool.output());
        }
        Head head = context.head(HEAD_SLOT, pool.output(), context.data().task().outputs());
        return new SatiNetwork(new SatiNetwork.Parts(encoders, aligners, privates, shareds, fusion, sequenceContext,
                pool, head));
    }
}
