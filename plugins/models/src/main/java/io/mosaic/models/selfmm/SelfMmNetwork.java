package io.mosaic.models.selfmm;

import ai.djl.training.ParameterStore;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.Network;
import io.mosaic.api.model.Taps;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Self-MM's forward pass ({@code reference/mmsa.md} §3.1): h_m per modality, x = fusion(h_t, h_a, h_v), then
 * F_f and ŷ_M from x, and F_m and ŷ_m from each h_m. Every component records its taps under its slot's name.
 */
final class SelfMmNetwork extends Network {
    private final Map<Modality, Encoder> encoders;
    private final Fusion fusion;
    private final Tower multimodal;
    private final Map<Modality, Tower> unimodal;

    SelfMmNetwork(Map<Modality, Encoder> encoders, Fusion fusion, Tower multimodal, Map<Modality, Tower> unimodal) {
        this.encoders = new EnumMap<>(encoders);
        this.fusion = fusion;
        this.multimodal = multimodal;
        this.unimodal = new EnumMap<>(unimodal);
        encoders.forEach((modality, encoder) -> child(modality.id(), encoder));
        child(SelfMmFactory.FUSION_SLOT, fusion);
        adopt(multimodal);
        unimodal.values().forEach(this::adopt);
    }

    private void adopt(Tower tower) {
        child(tower.featuresSlot(), tower.features());
        child(tower.headSlot(), tower.head());
    }

    @Override
    public void forward(ParameterStore parameters, Batch batch, Taps taps, boolean training) {
        Map<String, Features> pooled = new LinkedHashMap<>();
        for (Map.Entry<Modality, Encoder> entry : encoders.entrySet()) {
            String modality = entry.getKey().id();
            Features h = entry.getValue().forward(parameters, batch.input(entry.getKey()), taps.scoped(modality),
                    training);
            taps.put(Taps.pooled(modality), h);
            pooled.put(modality, h);
        }
        Features fused = fusion.forward(parameters, pooled, taps.scoped(SelfMmFactory.FUSION_SLOT), training);
        Features fusionFeatures = multimodal.forward(parameters, fused, taps, training);
        taps.put(Taps.JOINT, fusionFeatures.values());
        unimodal.forEach((modality, tower) -> tower.forward(parameters, pooled.get(modality.id()), taps, training));
    }
}
