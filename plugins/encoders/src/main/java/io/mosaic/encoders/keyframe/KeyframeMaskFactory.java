package io.mosaic.encoders.keyframe;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterException;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.EncoderFactory;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.encoders.support.Sequences;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * {@code keyframe-mask}: S2LIF's keyframe-aware masking (appendix A.1, eq. 20–22), a learned keep/drop decision per
 * frame from local and global temporal differences, applied to the frames.
 */
@Component(service = EncoderFactory.class)
@MosaicComponent(kind = ComponentKind.ENCODER, name = KeyframeMaskFactory.NAME)
public final class KeyframeMaskFactory implements EncoderFactory {
    static final String NAME = "keyframe-mask";
    /** x, the frames the mask reads [B, T, D], with lengths (padding zeroed). */
    public static final String INPUT_TAP = "keyframe.input";
    /** x̃ = x ⊙ D [B, T, D], with lengths: the encoder's output. */
    public static final String MASKED_TAP = "keyframe.masked";
    /** π [B, T, 2], with lengths: column 0 drops a frame, column 1 keeps it (eq. 22). */
    public static final String PROBABILITIES_TAP = "keyframe.probabilities";
    /** The kept fraction of the batch's valid frames, a 0-dim scalar. */
    public static final String KEEP_TAP = "keyframe.keep";

    static final String WINDOW = "window";
    static final String HEADS = "heads";
    static final String HIDDEN = "hidden";
    static final String TEMPERATURE = "temperature";
    private static final ParameterSchema SCHEMA = ParameterSchema.builder()
            .integer(WINDOW, 2, 1, null, "k of eq. 20: the local difference of frame i reads frames i − k .. i + k "
                    + "(the seed gives no value).")
            .integer(HEADS, 1, 1, null, "The attention heads of eq. 21's MultiHead; it must divide the input width.")
            .integer(HIDDEN, 0, 0, null, "The hidden width of eq. 22's MLP over [M_local; M_global]; 0 takes the "
                    + "input width D.")
            .real(TEMPERATURE, 1.0, 0.01, null, "τ of the Gumbel-softmax in training: the forward decision is a "
                    + "hard sample of π whatever τ; τ sets how sharp the relaxation whose gradient it takes is.")
            .build();

    @Override
    public String description() {
        return "S2LIF's keyframe-aware masking: keeps or drops each frame by a straight-through Gumbel-softmax "
                + "sample (argmax at evaluation) of an MLP over local and attention-based global frame differences.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Set<String> taps() {
        return Set.of(INPUT_TAP, MASKED_TAP, PROBABILITIES_TAP, KEEP_TAP);
    }

    @Override
    public Encoder create(Parameters parameters, FeatureShape input, BuildContext context) {
        Sequences.requireSequence(NAME, input);
        int heads = parameters.integer(HEADS);
        if (input.dim() % heads != 0) {
            throw new ParameterException(HEADS, "must divide the input width " + input.dim() + ", found " + heads);
        }
        int hidden = parameters.integer(HIDDEN) == 0 ? input.dim() : parameters.integer(HIDDEN);
        return new KeyframeMask(input, new KeyframeMask.Settings(parameters.integer(WINDOW), heads, hidden,
                parameters.real(TEMPERATURE)), context);
    }
}
