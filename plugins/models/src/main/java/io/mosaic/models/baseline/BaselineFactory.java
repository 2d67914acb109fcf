package io.mosaic.models.baseline;

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
import io.mosaic.models.support.ModalityList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Component;

/**
 * {@code baseline}: one encoder chain per modality, a fusion of the encoded modalities and a head. Its default
 * assembly ({@code mosaic/assemblies/baseline.yaml}) is the classic late-fusion baseline: projection, GRU and mean
 * pooling per modality, concatenation, MLP.
 */
@Component(service = PipelineFactory.class)
@MosaicComponent(kind = ComponentKind.PIPELINE, name = "baseline")
public final class BaselineFactory implements PipelineFactory {
    static final String MODALITIES = "modalities";
    static final String FUSION_SLOT = "fusion";
    static final String HEAD_SLOT = "head";
    static final String JOINT_TAP = "joint";

    private static final ParameterSchema SCHEMA = ParameterSchema.builder()
            .strings(MODALITIES, ModalityList.ALL,
                    "The modalities the model reads; leaving one out makes a model without it.",
                    ModalityList.ALL.toArray(String[]::new))
            .build();

    /** The tap holding what {@code modality}'s encoder chain returned. */
    static String encodedTap(Modality modality) {
        return modality.id() + ".encoded";
    }

    @Override
    public String description() {
        return "Encodes each modality with its own encoder chain, fuses the encoded modalities and applies a head.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public List<Slot> slots() {
        List<Slot> slots = new ArrayList<>();
        for (Modality modality : Modality.values()) {
            String name = modality.id();
            slots.add(Slot.encoderChain(name, "The encoder chain for the " + name + " frames"
                    + (modality == Modality.TEXT ? " (token features)" : "") + "; it must end in a pooled vector "
                    + "for a fusion such as concat. Optional only when " + name + " is left out of modalities."));
        }
        slots.add(Slot.single(FUSION_SLOT, ComponentKind.FUSION,
                "Fuses the encoded modalities, which come named after them in the order text, audio, vision."));
        slots.add(Slot.single(HEAD_SLOT, ComponentKind.HEAD, "Maps the fused representation to the task's outputs."));
        return List.copyOf(slots);
    }

    /** Every modality's {@code <modality>.encoded} (only those read are recorded), {@code joint} and the prediction. */
    @Override
    public Set<String> taps() {
        return Stream.concat(Arrays.stream(Modality.values()).map(BaselineFactory::encodedTap),
                Stream.of(JOINT_TAP, PREDICTION_TAP)).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Network create(Parameters parameters, PipelineContext context) {
        Map<Modality, Encoder> encoders = new LinkedHashMap<>();
        Map<String, FeatureShape> encoded = new LinkedHashMap<>();
        for (Modality modality : ModalityList.read(parameters, MODALITIES, 1, "")) {
            Encoder encoder = context.encoder(modality.id(), context.data().input(modality));
            encoders.put(modality, encoder);
            encoded.put(modality.id(), encoder.output());
        }
        Fusion fusion = context.fusion(FUSION_SLOT, encoded);
        Head head = context.head(HEAD_SLOT, fusion.output(), context.data().task().outputs());
        return new BaselineNetwork(encoders, fusion, head);
    }
}
