package io.mosaic.models.mult;

import static io.mosaic.models.support.SlotShapes.requirePooled;
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
import io.mosaic.models.support.ModalityList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * {@code mult}: MulT's model (Tsai et al., 2019; the official {@code MULTModel}) with every part in its own slot, for
 * two or three modalities. Per modality an encoder chain ending in a per-step sequence of one width D (MulT: the
 * temporal Conv1d, k = 1, without bias, after an embedding dropout on the text); the fusion of those sequences (MulT:
 * {@code crossmodal}), which returns each target modality's fused sequence one after the other along time; per
 * modality a pooling of its fused sequence (MulT: the last step); a joint representation of the pooled vectors
 * (MulT: proj2(dropout(relu(proj1(h)))) + h); a head (MulT: out_layer).
 *
 * <p>Taps, besides {@code prediction} and {@code joint}, per modality read: {@code <m>.sequence} (what its encoder
 * chain returns, the fusion's input), {@code <m>.fused} (its fused sequence), both with their lengths, and
 * {@code <m>.pooled}.
 */
@Component(service = PipelineFactory.class)
@MosaicComponent(kind = ComponentKind.PIPELINE, name = "mult")
public final class MultFactory implements PipelineFactory {
    static final String MODALITIES = "modalities";
    static final String FUSION_SLOT = "fusion";
    static final String JOINT_SLOT = "joint";
    static final String HEAD_SLOT = "head";

    private static final ParameterSchema SCHEMA = ParameterSchema.builder()
            .strings(MODALITIES, ModalityList.ALL,
                    "The modalities the model reads, at least two (S2LIF's: text and vision).",
                    ModalityList.ALL.toArray(String[]::new))
            .build();

    static String encoderSlot(Modality modality) {
        return modality.id();
    }

    static String poolSlot(Modality modality) {
        return modality.id() + "-pool";
    }

    /** {@code <m>.fused}: the fused sequence of target {@code modality}. */
    static String fusedTap(Modality modality) {
        return modality.id() + ".fused";
    }

    @Override
    public String description() {
        return "MulT: per-modality encoders to one width, crossmodal transformers into every modality and a "
                + "self-attention Transformer per target, the last step of each, a residual joint representation "
                + "and a head.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public List<Slot> slots() {
        List<Slot> slots = new ArrayList<>();
        for (Modality modality : Modality.values()) {
            slots.add(Slot.encoderChain(encoderSlot(modality), "Per-step encoders of the raw " + modality.id()
                    + " frames, ending at the width every modality shares (MulT: pointwise-projection to 30 without "
                    + "bias" + (modality == Modality.TEXT ? ", after a dropout" : "") + "); any encoder, a feature "
                    + "mask say, can join the chain. Optional only when " + modality.id() + " is left out of "
                    + MODALITIES + "."));
        }
        slots.add(Slot.single(FUSION_SLOT, ComponentKind.FUSION, "Fuses the modalities' sequences, inputs named after "
                + "them in the order text, audio, vision; returns each target's fused sequence one after the other "
                + "along time (MulT: crossmodal)."));
        for (Modality modality : Modality.values()) {
            slots.add(Slot.single(poolSlot(modality), ComponentKind.ENCODER, "Pools the fused " + modality.id()
                    + " sequence to one vector (MulT: last-step-pool)."));
        }
        slots.add(Slot.single(JOINT_SLOT, ComponentKind.FUSION, "Joins the pooled vectors, inputs named after the "
                + "modalities (MulT: residual-mlp, its proj1/proj2 block)."));
        slots.add(Slot.single(HEAD_SLOT, ComponentKind.HEAD, "Maps the joint representation to the task's outputs "
                + "(MulT: mlp without hidden layers, its out_layer)."));
        return List.copyOf(slots);
    }

    /** {@code joint}, the prediction, and per modality {@code <m>.sequence}, {@code <m>.fused}, {@code <m>.pooled}. */
    @Override
    public Set<String> taps() {
        Set<String> taps = new LinkedHashSet<>(List.of(Taps.JOINT, PREDICTION_TAP));
        for (Modality modality : Modality.values()) {
            taps.add(Taps.sequence(modality.id()));
            taps.add(fusedTap(modality));
            taps.add(Taps.pooled(modality.id()));
        }
        return Set.copyOf(taps);
    }

    @Override
    public Network create(Parameters parameters, PipelineContext context) {
        Set<Modality> modalities = ModalityList.read(parameters, MODALITIES, 2,
                " (a crossmodal fusion attends one modality with another)");
        Map<Modality, Encoder> encoders = new LinkedHashMap<>();
        Map<String, FeatureShape> sequences = new LinkedHashMap<>();
        for (Modality modality : modalities) {
            Encoder encoder = context.encoder(encoderSlot(modality), context.data().input(modality));
            encoders.put(modality, encoder);
            sequences.put(modality.id(), requireSequence(encoder.output(), encoderSlot(modality)));
        }
        Fusion fusion = context.fusion(FUSION_SLOT, sequences);
        FeatureShape fused = requireSequence(fusion.output(), FUSION_SLOT);
        int total = sequences.values().stream().mapToInt(FeatureShape::steps).sum();
        if (fused.steps() != total) {
            throw new IllegalArgumentException("slot '" + FUSION_SLOT + "' must return the modalities' sequences one "
                    + "after the other along time (" + total + " steps), but returns " + fused);
        }
        Map<Modality, Encoder> pools = new LinkedHashMap<>();
        Map<String, FeatureShape> pooled = new LinkedHashMap<>();
        for (Modality modality : modalities) {
            FeatureShape block = sequences.get(modality.id()).withDim(fused.dim());
            Encoder pool = context.encoder(poolSlot(modality), block);
            pools.put(modality, pool);
            pooled.put(modality.id(), requirePooled(pool.output(), poolSlot(modality)));
        }
        Fusion joint = context.fusion(JOINT_SLOT, pooled);
        Head head = context.head(HEAD_SLOT, requirePooled(joint.output(), JOINT_SLOT),
                context.data().task().outputs());
        return new MultNetwork(new MultNetwork.Parts(encoders, fusion, pools, joint, head));
    }
}
