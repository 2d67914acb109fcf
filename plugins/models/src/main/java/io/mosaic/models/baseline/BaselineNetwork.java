package io.mosaic.models.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.EncoderChain;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.Head;
import io.mosaic.api.model.Network;
import io.mosaic.api.model.PipelineFactory;
import io.mosaic.api.model.Taps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Late fusion: each modality's frames go through their own encoder chain, the encoded modalities are fused, and a
 * head maps the joint representation to the task's outputs. The chains run place by place, so that encoders that
 * can run jointly do ({@link EncoderChain#forwardEach}: the three GRUs as one). Every component records its taps
 * under its slot's name.
 */
final class BaselineNetwork extends Network {
    private final Map<Modality, Encoder> encoders;
    private final Fusion fusion;
    private final Head head;

    /** @param encoders the encoder of each modality read, in modality order */
    BaselineNetwork(Map<Modality, Encoder> encoders, Fusion fusion, Head head) {
        this.encoders = new LinkedHashMap<>();
        encoders.forEach((modality, encoder) -> this.encoders.put(modality, child(modality.id(), encoder)));
        this.fusion = child(BaselineFactory.FUSION_SLOT, fusion);
        this.head = child(BaselineFactory.HEAD_SLOT, head);
    }

    @Override
    public void forward(ParameterStore parameters, Batch batch, Taps taps, boolean training) {
        List<Modality> modalities = List.copyOf(encoders.keySet());
        List<Features> outputs = EncoderChain.forwardEach(parameters, List.copyOf(encoders.values()),
                modalities.stream().map(batch::input).toList(),
                modalities.stream().map(modality -> taps.scoped(modality.id())).toList(), training);
        Map<String, Features> encoded = new LinkedHashMap<>();
        for (int i = 0; i < modalities.size(); i++) {
            taps.put(BaselineFactory.encodedTap(modalities.get(i)), outputs.get(i).values());
            encoded.put(modalities.get(i).id(), outputs.get(i));
        }
        Features joint = fusion.forward(parameters, encoded, taps.scoped(BaselineFactory.FUSION_SLOT), training);
        taps.put(BaselineFactory.JOINT_TAP, joint.values());
        NDArray prediction = head.forward(parameters, joint, taps.scoped(BaselineFactory.HEAD_SLOT), training);
        taps.put(PipelineFactory.PREDICTION_TAP, prediction);
    }
}
