package io.mosaic.encoders.keyframe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import io.mosaic.api.model.Scalars;

/**
 * The keyframe decision D ∈ {0, 1}^T drawn from π = softmax(ℓ) (appendix A.1, after eq. 22; index 0 drops a frame,
 * index 1 keeps it), from the MLP's logits ℓ [B, T, 2]. log π = ℓ − logsumexp(ℓ), and the shift cancels in every
 * softmax and argmax below, so they read ℓ directly.
 */
final class KeepDecision {
    /** The decision's index that keeps a frame. */
    private static final int KEEP = 1;
    private static final NDIndex KEEP_COLUMN = new NDIndex("..., {}", KEEP);
    /** U(0, 1) is drawn from [the smallest normal float, the float below 1], so that −log(−log U) stays finite. */
    private static final float LOWEST = Float.MIN_NORMAL;
    private static final float HIGHEST = Math.nextDown(1f);

    private KeepDecision() {
    }

    /**
     * At evaluation: D = argmax π, 1 where π_1 &gt; π_0 (a tie drops the frame, as argmax takes the first index).
     *
     * @return [B, T], 0/1 values of the logits' type
     */
    static NDArray argmax(NDArray logits) {
        return logits.argMax(-1).toType(logits.getDataType(), false);
    }

    /**
     * In training: the straight-through Gumbel-softmax (Jang et al., 2017). With Gumbel noise g = −log(−log U) from
     * the engine's seeded generator, y = softmax((ℓ + g)/τ) [B, T, 2] and D = onehot(argmax y)_1 + (y_1 − sg(y_1)).
     * The bracket is exactly 0 forward (a float minus itself), so D is exactly 0 or 1, a sample of Categorical(π)
     * (the Gumbel-max trick, whatever τ); backward it is ∂y_1, which reaches ℓ and the MLP.
     *
     * @param temperature τ &gt; 0
     * @return [B, T]
     */
    static NDArray gumbelStraightThrough(NDArray logits, double temperature) {
        NDArray uniform = logits.getManager().randomUniform(LOWEST, HIGHEST, logits.getShape(), logits.getDataType());
        NDArray gumbel = uniform.log().neg().log().neg();
        NDArray soft = Scalars.dividedBy(logits.add(gumbel), temperature).softmax(-1);
        NDArray hard = argmax(soft);
        NDArray keep = soft.get(KEEP_COLUMN);
        return hard.add(keep.sub(keep.stopGradient()));
    }
}
