package io.mosaic.models.cider;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Module;
import java.util.EnumMap;
import java.util.Map;

/**
 * CIDer's reconstruction heads ({@code reference/cider.md} §3 step 10): from each fused word-level sequence back to
 * the raw features, the targets of MSSD's feature reconstruction. Text: a linear map of every position to the token
 * feature width. Audio and vision: a linear map over time from the word positions to the raw frames, ReLU, then a
 * linear map to the raw feature width.
 */
final class Reconstruction extends Module {
    private final Map<Modality, Linear> overTime = new EnumMap<>(Modality.class);
    private final Map<Modality, Linear> toFeatures = new EnumMap<>(Modality.class);

    /**
     * @param fused the word-level sequence of each modality, as the fusion receives it
     * @param width the width of the fused sequences
     */
    Reconstruction(Map<String, FeatureShape> fused, int width, BuildContext context) {
        DataSpec data = context.data();
        for (Modality modality : Modality.values()) {
            FeatureShape raw = data.input(modality);
            if (modality != Modality.TEXT) {
                int steps = fused.get(modality.id()).steps();
                overTime.put(modality, child(modality.id() + "-steps", Linear.builder().setUnits(raw.steps()).build(),
                        context, new Shape(1, steps)));
            }
            toFeatures.put(modality, child(modality.id() + "-features", Linear.builder().setUnits(raw.dim())
                    .build(), context, new Shape(1, width)));
        }
    }

    /** The reconstruction [B, T_raw, D_raw] of {@code modality}'s raw features from its fused sequence [B, T, D]. */
    NDArray reconstruct(ParameterStore parameters, Modality modality, NDArray fused, boolean training) {
        NDArray sequence = fused;
        Linear steps = overTime.get(modality);
        if (steps != null) {
            NDArray stretched = steps.forward(parameters, new NDList(fused.transpose(0, 2, 1)), training)
                    .singletonOrThrow();
            sequence = Activation.relu(stretched).transpose(0, 2, 1);
        }
        return toFeatures.get(modality).forward(parameters, new NDList(sequence), training).singletonOrThrow();
    }
}
