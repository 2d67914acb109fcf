package io.mosaic.losses.keyframe;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.api.component.ParameterException;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.ObjectiveFactory;
import org.osgi.service.component.annotations.Component;

/**
 * {@code keyframe-reconstruction}: S2LIF's reconstruction loss (appendix A.1, eq. 23) between a GRU's states over the
 * frames a {@code keyframe-mask} kept and over all its frames. It owns the GRU, so it is created with the model's
 * build context.
 */
@Component(service = ObjectiveFactory.class)
@MosaicComponent(kind = ComponentKind.OBJECTIVE, name = KeyframeReconstruction.NAME)
public final class KeyframeReconstructionFactory implements ObjectiveFactory {
    static final String ON = "on";
    static final String WIDTH = "width";
    static final String HIDDEN = "hidden";
    static final String DETACH_ORIGINAL = "detach-original";
    /** The suffixes of the taps a {@code keyframe-mask} records under its prefix: x and x̃. */
    static final String ORIGINAL_SUFFIX = ".input";
    static final String MASKED_SUFFIX = ".masked";
    private static final ParameterSchema SCHEMA = ParameterSchema.builder()
            .string(ON, "vision.keyframe", "The prefix of the keyframe mask's taps: it reads '<on>.input' (x_v) and "
                    + "'<on>.masked' (x̃_v), sequences [B, T, width] with lengths (a keyframe-mask in the vision "
                    + "slot records them as vision.keyframe.*).")
            .integer(WIDTH, null, 1, null, "D, the width of the frames the mask reads (the GRU's input width).")
            .integer(HIDDEN, 0, 0, null, "H, the GRU's state size; 0 takes the width.")
            .bool(DETACH_ORIGINAL, false, "Whether GRU(x_v) is a constant target (no gradient into the GRU or the "
                    + "frames through it); the appendix writes no stop-gradient.")
            .build();

    @Override
    public String description() {
        return "S2LIF's keyframe reconstruction: the squared distance between a trained GRU's states over the frames "
                + "a keyframe mask kept and over all its frames, averaged over the valid steps.";
    }

    @Override
    public ParameterSchema parameters() {
        return SCHEMA;
    }

    @Override
    public Objective create(Parameters parameters, DataSpec data, BuildContext context) {
        String prefix = parameters.string(ON);
        if (prefix.isBlank()) {
            throw new ParameterException(ON, "names the prefix of a keyframe mask's taps, e.g. vision.keyframe, "
                    + "found an empty name");
        }
        int width = parameters.integer(WIDTH);
        int hidden = parameters.integer(HIDDEN) == 0 ? width : parameters.integer(HIDDEN);
        return new KeyframeReconstruction(prefix + ORIGINAL_SUFFIX, prefix + MASKED_SUFFIX, width, hidden,
                parameters.bool(DETACH_ORIGINAL), context);
    }
}
