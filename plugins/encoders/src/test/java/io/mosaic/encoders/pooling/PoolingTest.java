package io.mosaic.encoders.pooling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mosaic.api.component.ParameterSchema;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.EncoderFactory;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PoolingTest {
    private static final float NAN = Float.NaN;
    /**
     * Three samples of 3 steps x 2 features with lengths 2, 3 and 0. Padding holds NaN and large values, which
     * must not reach the result.
     */
    private static final float[] X = {
        1, 2, 3, 6, NAN, 100,
        -1, 0, 2, 4, 5, -1,
        NAN, 7, 8, 9, 1e6f, 1};
    private static final long[] LENGTHS = {2, 3, 0};

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

    private Features pool(EncoderFactory factory) {
        Encoder pool = factory.create(Parameters.defaults(factory.parameters()), FeatureShape.sequence(3, 2), context);
        assertThat(pool.output()).isEqualTo(FeatureShape.vector(2));
        assertThat(pool.getParameters().isEmpty()).isTrue();
        Features input = Features.sequence(manager.create(X, new Shape(3, 3, 2)), manager.create(LENGTHS));
        return pool.forward(new ParameterStore(manager, false), input, new Taps(), false);
    }

    @Test
    void meanPoolAveragesTheValidStepsAndGivesZerosForLengthZero() {
        Features out = pool(new MaskedMeanPoolFactory());

        assertThat(out.isSequence()).isFalse();
        assertThat(out.values().getShape()).isEqualTo(new Shape(3, 2));
        assertThat(out.values().toFloatArray()).containsExactly(new float[] {
            (1 + 3) / 2f, (2 + 6) / 2f,
            (-1 + 2 + 5) / 3f, (0 + 4 - 1) / 3f,
            0, 0}, within(1e-6f));
    }

    @Test
    void lastStepPoolTakesTheStepBeforeEachLengthAndGivesZerosForLengthZero() {
        Features out = pool(new LastStepPoolFactory());

        assertThat(out.isSequence()).isFalse();
        assertThat(out.values().toFloatArray()).containsExactly(3, 6, 5, -1, 0, 0);
    }

    @Test
    void firstTokenPoolTakesStepZeroWhateverFollowsAndGivesZerosForLengthZero() {
        Features out = pool(new FirstTokenPoolFactory());

        assertThat(out.isSequence()).isFalse();
        // sample 2 has length 0: its step 0 (NaN, 7) is padding
        assertThat(out.values().toFloatArray()).containsExactly(1, 2, -1, 0, 0, 0);
    }

    @Test
    void everyPoolRejectsPooledInput() {
        for (EncoderFactory factory : new EncoderFactory[] {new MaskedMeanPoolFactory(), new LastStepPoolFactory(),
            new FirstTokenPoolFactory()}) {
            assertThat(factory.parameters()).isSameAs(ParameterSchema.EMPTY);
            assertThatThrownBy(() -> factory.create(Parameters.defaults(factory.parameters()),
                    FeatureShape.vector(4), context))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("needs a sequence input")
                    .hasMessageContaining("pooled vector [4]");
        }
    }
}
