package io.mosaic.losses.keyframe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.recurrent.GRU;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Concatenation;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Scalars;
import io.mosaic.api.objective.ObjectiveModule;
import io.mosaic.api.objective.Views;
import io.mosaic.losses.support.CodeTaps;
import io.mosaic.losses.support.TimeMean;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * S2LIF's keyframe reconstruction loss (appendix A.1, eq. 23), L_recon = ‖GRU(x̃_v) − GRU(x_v)‖², between the frames
 * x_v that {@code keyframe-mask} read and the frames x̃_v = x_v ⊙ D it kept, both through one unidirectional GRU
 * that this objective owns and trains (h_0 = 0, PyTorch's gate layout):
 * <pre>
 * L = Σ_b Σ_{t &lt; n_b} ‖GRU(x̃)_bt − GRU(x)_bt‖²₂ / Σ_b n_b
 * </pre>
 * The squared norm of eq. 23 is taken over the H hidden features of every step's state; it is averaged over the
 * valid steps of the batch, so that each valid frame weighs the same, the loss does not grow with the padded length
 * or the batch size, and padding (zeroed before the GRU, which runs left to right) enters neither the value nor a
 * gradient. The appendix writes no stop-gradient: by default both terms carry gradients (into the GRU and into the
 * frames before the mask); {@code detach-original} makes GRU(x_v) a constant target instead.
 */
final class KeyframeReconstruction extends ObjectiveModule {
    static final String NAME = "keyframe-reconstruction";

    private final String originalTap;
    private final String maskedTap;
    private final int width;
    private final boolean detachOriginal;
    private final GRU gru;

    /**
     * @param originalTap the tap of x_v, a sequence [B, T, width] with lengths
     * @param maskedTap   the tap of x̃_v, of the same shape
     * @param hidden      H, the GRU's state size
     */
    KeyframeReconstruction(String originalTap, String maskedTap, int width, int hidden, boolean detachOriginal,
                           BuildContext context) {
        this.originalTap = originalTap;
        this.maskedTap = maskedTap;
        this.width = width;
        this.detachOriginal = detachOriginal;
        this.gru = child("gru", GRU.builder().setStateSize(hidden).setNumLayers(1).optBatchFirst(true).build(),
                context, new Shape(1, 1, width));
    }

    @Override
    public Set<String> taps() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(originalTap, maskedTap)));
    }

    @Override
    public NDArray loss(Views views) {
        Features original = sequence(views, originalTap);
        Features masked = sequence(views, maskedTap);
        if (!masked.values().getShape().equals(original.values().getShape())) {
            throw new IllegalArgumentException(NAME + " reads taps '" + originalTap + "' and '" + maskedTap
                    + "' as sequences of one shape, found " + original.values().getShape() + " and "
                    + masked.values().getShape());
        }
        // One GRU pass over [x̃; x] along the batch; x's lengths mark the padding of both.
        NDArray frames = Concatenation.of(new NDList(original.withValues(masked.values()).paddingZeroed(),
                original.paddingZeroed()), 0);
        NDList states = gru.forward(views.parameters(), new NDList(frames), true).singletonOrThrow().split(2, 0);
        NDArray target = detachOriginal ? states.get(1).stopGradient() : states.get(1);
        NDArray valid = TimeMean.validSteps(original);
        NDArray squaredNorms = states.get(0).sub(target).square().sum(new int[] {2}).mul(valid);
        return squaredNorms.sum().div(Scalars.atLeast(valid.sum(), 1));
    }

    private Features sequence(Views views, String tap) {
        Features features = CodeTaps.read(views.cleanTaps(), tap, NAME, width);
        if (!features.isSequence()) {
            throw new IllegalArgumentException(NAME + " reads tap '" + tap + "' as a sequence [B, T, " + width
                    + "] with lengths, found " + features.values().getShape());
        }
        return features;
    }
}
