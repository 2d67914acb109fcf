package io.mosaic.fusion.semantic;

import ai.djl.nn.core.Linear;
import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Fusion;
import io.mosaic.api.model.FusionFactory;
import io.mosaic.fusion.layers.BlockLayout;
import io.mosaic.fusion.layers.SinusoidalPositions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * {@code semantic-fusion}: SATI's semantic-guided fusion. Inputs by name, all sequences of the same steps T and width
 * H: the private codes {@code text}, {@code audio}, {@code vision} and the shared codes {@code text.shared},
 * {@code audio.shared}, {@code vision.shared}. Output: [B, T, 2H] with the text's lengths (the audio stream, then the
 * vision stream). Taps {@code gate.audio} and {@code gate.vision} [B, T].
 */
@Component(service = FusionFactory.class)
@MosaicComponent(kind = ComponentKind.FUSION, name = "semantic-fusion")
public final class SemanticFusionFactory implements FusionFactory {
    static final String TEXT = "text";
    static final String AUDIO = "audio";
    static final String VISION = "vision";
    static final List<String> INPUTS = List.of(TEXT, AUDIO, VISION, shared(TEXT), shared(AUDIO), shared(VISION));

    private static final ParameterSchema SCHEMA = ParameterSchema.builder()
            .integer("heads", 4, 1, null, "The number of cross-attention heads; it must divide the width.")
            .real("dropout", 0.2, 0.0, 0.99, "The dropout rate after the cross-attention's output map.")
            .integer("fbp-dim", 32, 1, null, "o: the features of the FBP gate after pooling.")
            .integer("fbp-pool", 2, 1, null, "k: the FBP features summed into one (U, V map to o·k).")
            .real("gate-dropout", 0.4, 0.0, 0.99, "The dropout rate on the FBP product U·I_m ⊙ V·I_t.")
            .choice("gate", "sigmoid", Arrays.stream(GateMode.values()).map(GateMode::label).toList(),
                    "How the FBP score g gates a stream: sigmoid σ(g); straight-through (exactly 1 where g > 0, "
                    + "else 0, with σ(g)'s gradient); none (factor 1, no gate parameters: the w/o-GM ablation); "
                    + "hard (the official code's 0/1 gate without gradient; only with reference-quirks).")
            .bool("reference-quirks", false, "Reproduce the official code: allows gate hard, and the vision gate "
                    + "uses the audio gate's output layer (the code's fc_gate_at).")
            .build();

    /** The name of modality {@code m}'s shared codes among the inputs. */
    static String shared(String modality) {
        return modality + ".shared";
    }

    /** The tap of modality {@code m}'s gate. */
    static String gateTap(String modality) {
        return "gate." + modality;
    }

    @Override
    public String description() {
        return "SATI's semantic-guided fusion: the text attends to audio and to vision, each stream gated per step "
                + "by factorised bilinear pooling of the shared codes; the output is [B, T, 2H].";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Set<String> taps() {
        return Set.of(gateTap(AUDIO), gateTap(VISION));
    }

    @Override
    public Fusion create(Parameters parameters, Map<String, FeatureShape> inputs, BuildContext context) {
        if (!inputs.keySet().equals(Set.copyOf(INPUTS))) {
            throw new IllegalArgumentException("semantic-fusion needs exactly the inputs " + INPUTS + ", found "
                    + inputs.keySet());
        }
        FeatureShape text = inputs.get(TEXT);
        for (String name : INPUTS) {
            FeatureShape shape = inputs.get(name);
            if (!shape.isSequence() || !shape.equals(text)) {
                throw new IllegalArgumentException("semantic-fusion needs sequences of one shape (word-aligned, "
                        + "projected to one width), found '" + TEXT + "' " + text + " and '" + name + "' " + shape);
            }
        }
        int width = text.dim();
        int heads = parameters.integer("heads");
        if (width % heads != 0) {
            throw new IllegalArgumentException("semantic-fusion: heads " + heads + " must divide the width " + width);
        }
        GateMode mode = GateMode.of(parameters.string("gate"));
        boolean quirks = parameters.bool("reference-quirks");
        if (mode == GateMode.HARD && !quirks) {
            throw new IllegalArgumentException("semantic-fusion: gate 'hard' (the official code's gate, which "
                    + "passes no gradient) needs reference-quirks: true; use sigmoid or straight-through");
        }
        GatedStream audio = stream(parameters, mode, width, null, context);
        FbpGate audioGate = audio.gate();
        GatedStream vision = stream(parameters, mode, width,
                quirks && audioGate != null ? audioGate.output() : null, context);
        SinusoidalPositions positions = new SinusoidalPositions(BlockLayout.of("semantic-fusion",
                Map.of(TEXT, text)), false);
        return new SemanticFusion(positions, audio, vision, text);
    }

    private static GatedStream stream(Parameters parameters, GateMode mode, int width, Linear sharedOutput,
                                      BuildContext context) {
        CrossAttention attention = new CrossAttention(width, parameters.integer("heads"),
                parameters.real("dropout"), context);
        FbpGate gate = mode == GateMode.NONE ? null : new FbpGate(width, parameters.integer("fbp-dim"),
                parameters.integer("fbp-pool"), parameters.real("gate-dropout"), mode, sharedOutput, context);
        return new GatedStream(attention, gate, width, context);
    }
}
