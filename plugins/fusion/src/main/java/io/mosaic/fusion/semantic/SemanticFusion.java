package io.mosaic.fusion.semantic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.Concatenation;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.Taps;
import io.mosaic.fusion.layers.KeyPadding;
import io.mosaic.fusion.layers.SinusoidalPositions;
import java.util.Map;

/**
 * SATI's semantic-guided fusion (eq. 8–13, {@code reference/sati.md} §7): sinusoidal positions are added to the
 * private codes of text, audio and vision (no √D scaling); the text attends to audio and to vision in two
 * {@link GatedStream}s, each gated per step by an {@link FbpGate} over the shared codes of that modality and of the
 * text; the streams are concatenated along features: [B, T, 2H] with the text's lengths, audio first. Padding of
 * every input is zeroed first, so that what it holds (NaN included) reaches no real step. Records the gates as taps
 * {@code gate.audio} and {@code gate.vision}, [B, T].
 */
final class SemanticFusion extends Fusion {
    private final SinusoidalPositions positions;
    private final GatedStream audio;
    private final GatedStream vision;
    private final FeatureShape output;

    SemanticFusion(SinusoidalPositions positions, GatedStream audio, GatedStream vision, FeatureShape text) {
        this.positions = positions;
        this.audio = child(SemanticFusionFactory.AUDIO, audio);
        this.vision = child(SemanticFusionFactory.VISION, vision);
        this.output = text.withDim(2 * text.dim());
    }

    @Override
    public FeatureShape output() {
        return output;
    }

    @Override
    public Features forward(ParameterStore parameters, Map<String, Features> inputs, Taps taps, boolean training) {
        Features text = input(inputs, SemanticFusionFactory.TEXT);
        NDArray query = positions.apply(text.paddingZeroed());
        NDArray sharedText = input(inputs, SemanticFusionFactory.shared(SemanticFusionFactory.TEXT)).paddingZeroed();
        NDArray fromAudio = attend(parameters, inputs, SemanticFusionFactory.AUDIO, audio, query, sharedText, taps,
                training);
        NDArray fromVision = attend(parameters, inputs, SemanticFusionFactory.VISION, vision, query, sharedText, taps,
                training);
        return text.withValues(Concatenation.of(new NDList(fromAudio, fromVision), 2));
    }

    /** The stream of {@code modality}: [B, T, H]; records its gate as {@code gate.<modality>}. */
    private NDArray attend(ParameterStore parameters, Map<String, Features> inputs, String modality,
                           GatedStream stream, NDArray query, NDArray sharedText, Taps taps, boolean training) {
        Features other = input(inputs, modality);
        NDArray keys = positions.apply(other.paddingZeroed());
        NDArray shared = input(inputs, SemanticFusionFactory.shared(modality)).paddingZeroed();
        GatedStream.Gated gated = stream.forward(parameters, query, keys,
                KeyPadding.of(other.mask(), keys.getDataType()), shared, sharedText, training);
        taps.put(SemanticFusionFactory.gateTap(modality), gated.gate());
        return gated.values();
    }

    private static Features input(Map<String, Features> inputs, String name) {
        Features features = inputs.get(name);
        if (features == null) {
            throw new IllegalArgumentException("semantic-fusion was built for inputs " + SemanticFusionFactory.INPUTS
                    + ", found no '" + name + "' among " + inputs.keySet());
        }
        return features;
    }

}
