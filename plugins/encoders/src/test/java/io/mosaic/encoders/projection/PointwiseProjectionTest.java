package io.mosaic.encoders.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mosaic.api.component.ParameterException;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PointwiseProjectionTest {
    private final PointwiseProjectionFactory factory = new PointwiseProjectionFactory();
    private NDManager manager;
    private BuildContext context;

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(7);
        manager = NDManager.newBaseManager();
        context = () -> manager;
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Encoder build(FeatureShape input, int dim, boolean bias) {
        Parameters parameters = Parameters.of(factory.parameters(), Map.of("dim", dim, "bias", bias));
        return factory.create(parameters, input, context);
    }

    private static float[] parameter(Encoder encoder, String name) {
        return encoder.getParameters().get(name).getArray().toFloatArray();
    }

    @Test
    void mapsEveryStepOfASequenceByXTimesWTransposedAndKeepsTheLengths() {
        Encoder projection = build(FeatureShape.sequence(3, 2), 3, false);
        float[] x = {1, 2, 3, -1, 0.5f, 0, -2, 1, 0, 0, 9, 9};
        NDArray lengths = manager.create(new long[] {3, 1});
        Features input = Features.sequence(manager.create(x, new Shape(2, 3, 2)), lengths);

        Features out = projection.forward(new ParameterStore(manager, false), input, new Taps(), false);

        float[] w = parameter(projection, "01linear_weight");
        assertThat(w).hasSize(3 * 2);
        float[] expected = new float[2 * 3 * 3];
        for (int row = 0; row < 2 * 3; row++) {
            for (int k = 0; k < 3; k++) {
                expected[row * 3 + k] = x[row * 2] * w[k * 2] + x[row * 2 + 1] * w[k * 2 + 1];
            }
        }
        assertThat(out.values().getShape()).isEqualTo(new Shape(2, 3, 3));
        assertThat(out.values().toFloatArray()).containsExactly(expected, within(1e-5f));
        assertThat(out.lengths().toLongArray()).containsExactly(3, 1);
        assertThat(projection.output()).isEqualTo(FeatureShape.sequence(3, 3));
    }

    @Test
    void mapsAPooledVectorAndAddsTheBiasWhenAsked() {
        Encoder projection = build(FeatureShape.vector(2), 2, true);
        projection.getParameters().get("01linear_bias").getArray().set(new float[] {10, -20});
        float[] x = {1, 2, -3, 4};

        Features out = projection.forward(new ParameterStore(manager, false),
                Features.pooled(manager.create(x, new Shape(2, 2))), new Taps(), false);

        float[] w = parameter(projection, "01linear_weight");
        float[] b = {10, -20};
        float[] expected = new float[4];
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < 2; k++) {
                expected[i * 2 + k] = x[i * 2] * w[k * 2] + x[i * 2 + 1] * w[k * 2 + 1] + b[k];
            }
        }
        assertThat(out.isSequence()).isFalse();
        assertThat(out.values().toFloatArray()).containsExactly(expected, within(1e-5f));
        assertThat(projection.output()).isEqualTo(FeatureShape.vector(2));
    }

    @Test
    void hasDInTimesDimWeightsAndABiasOnlyWhenAsked() {
        FeatureShape input = FeatureShape.sequence(50, 768);
        assertThat(size(build(input, 32, false))).isEqualTo(768L * 32);
        assertThat(size(build(input, 32, true))).isEqualTo(768L * 32 + 32);
    }

    @Test
    void requiresAPositiveDim() {
        assertThatThrownBy(() -> Parameters.of(factory.parameters(), Map.of("dim", 0)))
                .isInstanceOf(ParameterException.class).hasMessageContaining("dim");
        assertThatThrownBy(() -> Parameters.defaults(factory.parameters()))
                .isInstanceOf(ParameterException.class).hasMessageContaining("'dim': required");
    }

    private static long size(Encoder encoder) {
        return encoder.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }
}
