package io.mosaic.fusion.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Head;
import io.mosaic.api.model.Taps;
import io.mosaic.encoders.testing.RandomParameters;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MlpHeadTest {
    private final MlpHeadFactory factory = new MlpHeadFactory();
    private NDManager manager;
    private BuildContext context;

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(3);
        manager = NDManager.newBaseManager();
        context = () -> manager;
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Head build(int inputs, int outputs, Map<String, Object> raw) {
        return factory.create(Parameters.of(factory.parameters(), raw), FeatureShape.vector(inputs), outputs, context);
    }

    private static long size(Head head) {
        return head.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    @Test
    void hasOneWeightMatrixAndBiasPerLayer() {
        // D=10, hidden [4], outputs 3: 10·4 + 4 + 4·3 + 3
        assertThat(size(build(10, 3, Map.of("hidden", List.of(4))))).isEqualTo(59);
        // two hidden layers: 10·8 + 8 + 8·4 + 4 + 4·3 + 3
        assertThat(size(build(10, 3, Map.of("hidden", List.of(8, 4))))).isEqualTo(139);
        // no hidden layer: a single linear map 10·3 + 3
        assertThat(size(build(10, 3, Map.of("hidden", List.of())))).isEqualTo(33);
        // the defaults: hidden [64]
        assertThat(size(build(10, 1, Map.of()))).isEqualTo(10 * 64 + 64 + 64 + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"relu", "tanh", "gelu"})
    void evaluationComputesW2ActW1xPlusB1PlusB2WithDropoutOff(String activation) {
        Head head = build(3, 2, Map.of("hidden", List.of(4), "activation", activation, "dropout", 0.9));
        RandomParameters.uniform(head, new Random(9));
        float[] x = {0.5f, -1, 2, 1.5f, 0.25f, -0.75f};

        NDArray out = head.forward(new ParameterStore(manager, false),
                Features.pooled(manager.create(x, new Shape(2, 3))), new Taps(), false);

        float[] w1 = array(head, "01Linear_weight");
        float[] b1 = array(head, "01Linear_bias");
        float[] w2 = array(head, "04Linear_weight");
        float[] b2 = array(head, "04Linear_bias");
        DoubleUnaryOperator act = switch (activation) {
            case "relu" -> v -> Math.max(v, 0);
            case "tanh" -> Math::tanh;
            default -> v -> v * 0.5 * (1 + erf(v / Math.sqrt(2)));
        };
        float[] expected = new float[4];
        for (int b = 0; b < 2; b++) {
            double[] hidden = new double[4];
            for (int j = 0; j < 4; j++) {
                double z = b1[j];
                for (int d = 0; d < 3; d++) {
                    z += w1[j * 3 + d] * x[b * 3 + d];
                }
                hidden[j] = act.applyAsDouble(z);
            }
            for (int k = 0; k < 2; k++) {
                double y = b2[k];
                for (int j = 0; j < 4; j++) {
                    y += w2[k * 4 + j] * hidden[j];
                }
                expected[b * 2 + k] = (float) y;
            }
        }
        assertThat(out.getShape()).isEqualTo(new Shape(2, 2));
        assertThat(out.toFloatArray()).containsExactly(expected, within(1e-5f));
    }

    @Test
    void dropoutChangesTrainingPassesOnly() {
        Head head = build(8, 1, Map.of("hidden", List.of(64), "dropout", 0.5));
        RandomParameters.uniform(head, new Random(9));
        Features input = Features.pooled(manager.randomNormal(new Shape(4, 8)));
        ParameterStore store = new ParameterStore(manager, false);

        float[] evaluation = head.forward(store, input, new Taps(), false).toFloatArray();
        float[] again = head.forward(store, input, new Taps(), false).toFloatArray();
        float[] training = head.forward(store, input, new Taps(), true).toFloatArray();

        assertThat(again).containsExactly(evaluation);
        assertThat(training).isNotEqualTo(evaluation);
    }

    @Test
    void rejectsASequenceInput() {
        assertThatThrownBy(() -> factory.create(Parameters.defaults(factory.parameters()),
                FeatureShape.sequence(50, 32), 1, context))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mlp needs a pooled vector input, found a sequence 50x32")
                .hasMessageContaining("pooling encoder");
    }

    @Test
    void rejectsAnUnknownActivation() {
        assertThatThrownBy(() -> Parameters.of(factory.parameters(), Map.of("activation", "sigmoid")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("relu, tanh, gelu");
    }

    private static float[] array(Head head, String name) {
        return head.getParameters().get("01layers_" + name).getArray().toFloatArray();
    }

    /** erf by Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7), for the exact GELU x·Φ(x). */
    private static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027
                + t * 1.061405429))));
        double y = 1 - poly * Math.exp(-x * x);
        return x >= 0 ? y : -y;
    }
}
