package io.mosaic.models.selfmm;

import static io.mosaic.models.support.SlotShapes.requirePooled;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Fusion;
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
 * {@code self-mm}: Self-MM's late fusion with unimodal heads ({@code reference/mmsa.md} §3.1). Per modality an
 * encoder chain ending in a pooled vector h_m; a fusion of h_t, h_a, h_v (MMSA: concatenation); then four heads of
 * the same form, one on the fused vector and one per modality, each a features chain (MMSA: Dropout, Linear, ReLU)
 * whose output F is kept, followed by a head (MMSA: Linear, ReLU, Linear).
 *
 * <p>Taps: {@code <m>.pooled} (h_m), {@code joint} and {@code features.fusion} (F_f, what the multimodal head
 * reads), {@code features.<m>} (F_m), {@code prediction} (ŷ_M) and {@code prediction.<m>} (ŷ_m). It has no
 * {@code <m>.sequence}: its encoders pool.
 */
@Component(service = PipelineFactory.class)
@MosaicComponent(kind = ComponentKind.PIPELINE, name = "self-mm")
public final class SelfMmFactory implements PipelineFactory {
    static final String FUSION_SLOT = "fusion";
    static final String HEAD_SLOT = "head";

    private static final ParameterSchema SCHEMA = ParameterSchema.builder().build();

    /** The slot of a head's features chain: {@code fusion-features}, {@code <m>-features}. */
    static String featuresSlot(String part) {
        return part + "-features";
    }

    /** The slot of a modality's head: {@code <m>-head}. */
    static String headSlot(Modality modality) {
        return modality.id() + "-head";
    }

    /** The tap of a head's features: {@code features.fusion}, {@code features.<m>}. */
    static String featuresTap(String part) {
        return "features." + part;
    }

    /** The tap of a modality's own prediction: {@code prediction.<m>}. */
    static String predictionTap(Modality modality) {
        return PREDICTION_TAP + "." + modality.id();
    }

    @Override
    public String description() {
        return "Self-MM: per-modality encoders ending in pooled vectors, their fusion, and four heads (fusion, text, "
                + "audio, vision), each a features chain whose output is kept (features.fusion, features.<m>) and a "
                + "head (prediction, prediction.<m>). Its encoders pool, so it records no <m>.sequence.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public List<Slot> slots() {
        List<Slot> slots = new ArrayList<>();
        for (Modality modality : Modality.values()) {
            slots.add(Slot.encoderChain(modality.id(), "The encoder chain of the " + modality.id() + " frames, "
                    + "ending in a pooled vector h_" + modality.id().charAt(0) + " (MMSA: BERT's [CLS] for text, "
                    + "an LSTM's last state and a Linear for audio and vision)."));
        }
        slots.add(Slot.single(FUSION_SLOT, ComponentKind.FUSION, "Fuses the pooled vectors, inputs text, audio, "
                + "vision (MMSA: concat)."));
        slots.add(Slot.encoderChain(featuresSlot(FUSION_SLOT), "Maps the fused vector to the fusion features F_f, "
                + "the tap features.fusion (MMSA: dropout, then pointwise-projection with bias and relu)."));
        slots.add(Slot.single(HEAD_SLOT, ComponentKind.HEAD, "Maps F_f to the prediction (MMSA: mlp, one hidden "
                + "layer as wide as F_f, no dropout)."));
        for (Modality modality : Modality.values()) {
            slots.add(Slot.encoderChain(featuresSlot(modality.id()), "Maps h_" + modality.id().charAt(0)
                    + " to the " + modality.id() + " features, the tap " + featuresTap(modality.id())
                    + " (MMSA: dropout, then pointwise-projection with bias and relu)."));
            slots.add(Slot.single(headSlot(modality), ComponentKind.HEAD, "Maps the " + modality.id() + " features "
                    + "to the unimodal prediction " + predictionTap(modality) + " (MMSA: mlp as the fusion's)."));
        }
        return List.copyOf(slots);
    }

    @Override
    public Set<String> taps() {
        Set<String> taps = new LinkedHashSet<>(List.of(Taps.JOINT, PREDICTION_TAP, featuresTap(FUSION_SLOT)));
        for (Modality modality : Modality.values()) {
            taps.add(Taps.pooled(modality.id()));
            taps.add(featuresTap(modality.id()));
            taps.add(predictionTap(modality));
        }
        return Set.copyOf(taps);
    }

    @Override
    public Network create(Parameters parameters, PipelineContext context) {
        Map<Modality, Encoder> encoders = new EnumMap<>(Modality.class);
        Map<String, FeatureShape> pooled = new LinkedHashMap<>();
        for (Modality modality : Modality.values()) {
            Encoder encoder = context.encoder(modality.id(), context.data().input(modality));
            encoders.put(modality, encoder);
            pooled.put(modality.id(), requirePooled(encoder.output(), modality.id()));
        }
        Fusion fusion = context.fusion(FUSION_SLOT, pooled);
        Tower multimodal = tower(context, FUSION_SLOT, HEAD_SLOT, PREDICTION_TAP,
                requirePooled(fusion.output(), FUSION_SLOT));
        Map<Modality, Tower> unimodal = new EnumMap<>(Modality.class);
        for (Modality modality : Modality.values()) {
            unimodal.put(modality, tower(context, modality.id(), headSlot(modality), predictionTap(modality),
                    pooled.get(modality.id())));
        }
        return new SelfMmNetwork(encoders, fusion, multimodal, unimodal);
    }

    /** The features chain of {@code part} ({@code fusion} or a modality) over {@code input}, and its head. */
    private static Tower tower(PipelineContext context, String part, String headSlot, String predictionTap,
                               FeatureShape input) {
        String featuresSlot = featuresSlot(part);
        Encoder features = context.encoder(featuresSlot, input);
        FeatureShape f = requirePooled(features.output(), featuresSlot);
        return new Tower(featuresSlot, headSlot, featuresTap(part), predictionTap, features,
                context.head(headSlot, f, context.data().task().outputs()));
    }
}
