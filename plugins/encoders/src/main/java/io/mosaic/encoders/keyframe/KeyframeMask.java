package io.mosaic.encoders.keyframe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Concatenation;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Scalars;
import io.mosaic.api.model.Taps;

/**
 * S2LIF's keyframe-aware masking (appendix A.1, eq. 20–22) over a sequence x [B, T, D] with lengths:
 * <pre>
 * M_local  = eq. 20 over a window k, replicate-padded at each sample's ends     ({@link LocalDifference})
 * M_global = MultiHead(x, x, x), padding masked as keys                          ({@link GlobalDifference})
 * π        = softmax(MLP([M_local; M_global])) ∈ R^{T×2}, MLP = Linear(2D, hidden), ReLU, Linear(hidden, 2)
 * D        = a straight-through Gumbel-softmax sample of π in training, argmax π at evaluation ({@link KeepDecision}),
 *            and 0 at every padding step
 * x̃        = x ⊙ D, with the same lengths
 * </pre>
 * Taps (under the slot's name): {@value KeyframeMaskFactory#INPUT_TAP} x and {@value KeyframeMaskFactory#MASKED_TAP}
 * x̃ (sequences with lengths, for {@code keyframe-reconstruction}), {@value KeyframeMaskFactory#PROBABILITIES_TAP} π
 * [B, T, 2] with lengths and {@value KeyframeMaskFactory#KEEP_TAP}, the kept fraction of the batch's valid steps (a
 * 0-dim scalar). Padding is zeroed first, so whatever it holds (NaN included) reaches no output and no gradient.
 */
final class KeyframeMask extends Encoder {
    private final FeatureShape shape;
    private final int window;
    private final double temperature;
    private final GlobalDifference global;
    private final Linear hidden;
    private final Linear logits;

    /** The settings read from the parameters: k, h, the MLP's hidden width and τ. */
    record Settings(int window, int heads, int hidden, double temperature) {
    }

    KeyframeMask(FeatureShape input, Settings settings, BuildContext context) {
        this.shape = input;
        this.window = settings.window();
        this.temperature = settings.temperature();
        this.global = child("global", new GlobalDifference(input.dim(), settings.heads(), context));
        this.hidden = child("hidden", Linear.builder().setUnits(settings.hidden()).build(), context,
                new Shape(1, 2L * input.dim()));
        this.logits = child("logits", Linear.builder().setUnits(2).build(), context,
                new Shape(1, settings.hidden()));
    }

    @Override
    public FeatureShape output() {
        return shape;
    }

    @Override
    public Features forward(ParameterStore parameters, Features input, Taps taps, boolean training) {
        NDArray valid = input.mask();
        NDArray x = input.paddingZeroed(valid);
        NDArray local = LocalDifference.of(x, input.lengths(), window);
        NDArray difference = global.forward(parameters, x, valid, training);
        NDArray activated = Activation.relu(hidden.forward(parameters,
                new NDList(Concatenation.of(new NDList(local, difference), 2)), training).singletonOrThrow());
        NDArray scores = logits.forward(parameters, new NDList(activated), training).singletonOrThrow();
        NDArray sampled = training ? KeepDecision.gumbelStraightThrough(scores, temperature)
                : KeepDecision.argmax(scores);
        NDArray decision = Scalars.keepOnly(sampled, valid);
        Features masked = input.withValues(x.mul(decision.expandDims(2)));
        taps.put(KeyframeMaskFactory.INPUT_TAP, input.withValues(x));
        taps.put(KeyframeMaskFactory.PROBABILITIES_TAP, input.withValues(scores.softmax(-1)));
        taps.put(KeyframeMaskFactory.MASKED_TAP, masked);
        taps.put(KeyframeMaskFactory.KEEP_TAP, keptFraction(decision.stopGradient(), valid));
        return masked;
    }

    /** Σ D / the number of valid steps of the batch (0 when there is none), a 0-dim scalar. */
    private static NDArray keptFraction(NDArray decision, NDArray valid) {
        NDArray steps = valid.toType(decision.getDataType(), false).sum();
        return decision.sum().div(Scalars.atLeast(steps, 1));
    }
}
