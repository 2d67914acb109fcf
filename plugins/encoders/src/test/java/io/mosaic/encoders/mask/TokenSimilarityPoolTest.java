package io.mosaic.encoders.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** S2LIF's token-similarity pooling (seed eq. 14–15) after a feature-mask in the same chain. */
class TokenSimilarityPoolTest {
    private static final float LN3 = (float) Math.log(3);

    private final FeatureMaskFactory maskFactory = new FeatureMaskFactory();
    private final TokenSimilarityPoolFactory poolFactory = new TokenSimilarityPoolFactory();
    private NDManager manager;
    private BuildContext context;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
        context = () -> manager;
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Encoder mask(FeatureShape input, float... r) {
        Encoder mask = maskFactory.create(Parameters.defaults(maskFactory.parameters()), input, context);
        mask.getParameters().get("r").getArray().set(r);
        return mask;
    }

    private Encoder pool(FeatureShape input) {
        return poolFactory.create(Parameters.defaults(poolFactory.parameters()), input, context);
    }

    /** feature-mask then token-similarity-pool over x [B, 3, 2], both under the slot scope {@code text}. */
    private Features chain(float[] x, long[] lengths, Taps slot, float... r) {
        FeatureShape shape = FeatureShape.sequence(3, 2);
        ParameterStore store = new ParameterStore(manager, false);
        Features input = Features.sequence(manager.create(x, new Shape(lengths.length, 3, 2)),
                manager.create(lengths));
        Features masked = mask(shape, r).forward(store, input, slot, false);
        return pool(shape).forward(store, masked, slot, false);
    }

    /**
     * m = (1, 0.5) (r = (1, 0.5), s = 0), so the score of a token is m · (x ⊙ m) = x₀ + x₁/4.
     * Sample 0 (length 2): tokens (0, 0) and (ln 3 − 1, 4) score 0 and ln 3, weights 1/4 and 3/4; the masked second
     * token is (ln 3 − 1, 2), so x_c' = (3/4)(ln 3 − 1, 2). Sample 1 (length 1): x_c = (3, −0.5), weight 1.
     * Sample 2 (length 0): zeros.
     */
    private float[] sample(float padding) {
        return new float[] {
            0, 0, LN3 - 1, 4, padding, -padding,
            3, -1, padding, 1e6f, 7, padding,
            padding, 9, 9, 9, 9, padding};
    }

    @Test
    void weighsTheValidTokensByTheSoftmaxOfTheirDotProductWithTheMask() {
        Taps slot = new Taps().scoped("text");

        Features out = chain(sample(0), new long[] {2, 1, 0}, slot, 1, 0.5f);

        assertThat(out.isSequence()).isFalse();
        assertThat(out.values().toFloatArray()).containsExactly(
                new float[] {0.75f * (LN3 - 1), 1.5f, 3, -0.5f, 0, 0}, within(1e-6f));
        assertThat(slot.get("text.weights").getShape()).isEqualTo(new Shape(3, 3));
        assertThat(slot.get("text.weights").toFloatArray())
                .containsExactly(new float[] {0.25f, 0.75f, 0, 1, 0, 0, 0, 0, 0}, within(1e-6f));
    }

    @Test
    void paddedTokensChangeNothing() {
        long[] lengths = {2, 1, 0};
        Taps clean = new Taps().scoped("text");
        Taps noisy = new Taps().scoped("text");
        Taps huge = new Taps().scoped("text");

        float[] withZeros = chain(sample(0), lengths, clean, 1, 0.5f).values().toFloatArray();
        float[] withNaN = chain(sample(Float.NaN), lengths, noisy, 1, 0.5f).values().toFloatArray();
        float[] withLarge = chain(sample(1e6f), lengths, huge, 1, 0.5f).values().toFloatArray();

        assertThat(withNaN).containsExactly(withZeros);
        assertThat(withLarge).containsExactly(withZeros);
        assertThat(noisy.get("text.weights").toFloatArray())
                .containsExactly(clean.get("text.weights").toFloatArray());
    }

    @Test
    void failsNamingTheFeatureMaskWhenNoneRecordedAMaskInTheChain() {
        Encoder pool = pool(FeatureShape.sequence(3, 2));
        Taps taps = new Taps();
        // A mask recorded by another slot is not this chain's.
        taps.scoped("vision").put("mask", manager.ones(new Shape(2)));
        Features input = Features.sequence(manager.ones(new Shape(1, 3, 2)), manager.create(new long[] {3}));

        assertThatThrownBy(() -> pool.forward(new ParameterStore(manager, false), input, taps.scoped("text"), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("token-similarity-pool weighs tokens by the filtering vector m of a "
                        + "feature-mask, but no feature-mask precedes it in the same chain")
                .hasMessageContaining("no tap 'text.mask'");
    }

    @Test
    void failsWhenTheMaskIsOfAnotherWidth() {
        Encoder pool = pool(FeatureShape.sequence(3, 2));
        Taps taps = new Taps().scoped("text");
        taps.put("mask", manager.ones(new Shape(4)));
        Features input = Features.sequence(manager.ones(new Shape(1, 3, 2)), manager.create(new long[] {3}));

        assertThatThrownBy(() -> pool.forward(new ParameterStore(manager, false), input, taps, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pools tokens of width 2, but the feature-mask's m is (4)");
    }

    @Test
    void rejectsPooledInputAndDeclaresItsWeightsTap() {
        assertThatThrownBy(() -> pool(FeatureShape.vector(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token-similarity-pool needs a sequence input");
        assertThat(poolFactory.taps()).containsExactly("weights");
        assertThat(pool(FeatureShape.sequence(5, 4)).output()).isEqualTo(FeatureShape.vector(4));
        assertThat(pool(FeatureShape.sequence(5, 4)).getParameters().isEmpty()).isTrue();
    }
}
