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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /**
     * W = [[1, 0], [0, 1], [1, 1]], b = [0, −1, 0.5]: x = [1, 2] → Wx + b = [1, 1, 3.5] and x = [−2, 1] → [−2, 0, −0.5];
     * then the activation, then LN(y) = (y − mean) / √(var + 1e-5) (γ = 1, β = 0), all by hand.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "none    | false | 1, 1, 3.5, -2, 0, -0.5",
        "relu    | false | 1, 1, 3.5, 0, 0, 0",
        "sigmoid | false | 0.7310586, 0.7310586, 0.9706878, 0.1192029, 0.5, 0.3775407",
        "tanh    | false | 0.7615942, 0.7615942, 0.9981779, -0.9640276, 0, -0.4621172",
        "relu    | true  | -0.7071042, -0.7071042, 1.4142085, 0, 0, 0",
        "sigmoid | true  | -0.7068299, -0.7068299, 1.4136597, -1.3419650, 1.0566666, 0.2852985"})
    void appliesTheActivationThenTheLayerNorm(String activation, boolean layerNorm, String expected) {
        Encoder projection = factory.create(Parameters.of(factory.parameters(), Map.of("dim", 3, "bias", true,
                "activation", activation, "layer-norm", layerNorm)), FeatureShape.sequence(1, 2), context);
        projection.getParameters().get("01linear_weight").getArray().set(new float[] {1, 0, 0, 1, 1, 1});
        projection.getParameters().get("01linear_bias").getArray().set(new float[] {0, -1, 0.5f});
        Features input = Features.sequence(manager.create(new float[] {1, 2, -2, 1}, new Shape(2, 1, 2)),
                manager.create(new long[] {1, 1}));

        Features out = projection.forward(new ParameterStore(manager, false), input, new Taps(), false);

        float[] values = new float[6];
        String[] fields = expected.split(",");
        for (int i = 0; i < 6; i++) {
            values[i] = Float.parseFloat(fields[i].trim());
        }
        assertThat(out.values().getShape()).isEqualTo(new Shape(2, 1, 3));
        assertThat(out.values().toFloatArray()).containsExactly(values, within(2e-6f));
        assertThat(out.lengths().toLongArray()).containsExactly(1, 1);
    }

    @Test
    void theLayerNormAddsAGainAndAShiftPerOutputFeatureOnly() {
        FeatureShape input = FeatureShape.sequence(50, 74);
        Encoder projection = factory.create(Parameters.of(factory.parameters(), Map.of("dim", 128, "bias", true,
                "activation", "relu", "layer-norm", true)), input, context);
        assertThat(size(projection)).isEqualTo(74L * 128 + 128 + 2 * 128);
        assertThat(projection.getParameters().get("02norm_gamma").getArray().toFloatArray()).containsOnly(1f);
        assertThat(projection.getParameters().get("02norm_beta").getArray().toFloatArray()).containsOnly(0f);
        assertThat(Parameters.of(factory.parameters(), Map.of("dim", 3)).asMap())
                .containsEntry("activation", "none").containsEntry("layer-norm", false);
    }

    private static long size(Encoder encoder) {
        return encoder.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }
}
