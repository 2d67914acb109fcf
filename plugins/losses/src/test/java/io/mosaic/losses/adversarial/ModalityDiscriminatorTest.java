package io.mosaic.losses.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.mosaic.api.component.ParameterException;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.Task;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.objective.Objective;
import io.mosaic.losses.testing.CodeTapsFixture;
import io.mosaic.losses.testing.DataContext;
import io.mosaic.losses.testing.GradientCheck;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SATI's eq. 3–5: gradient reversal, discriminator layer, additive angular margin loss (eq. 4). */
class ModalityDiscriminatorTest {
    private static final DataSpec DATA = new DataSpec(Map.of(Modality.TEXT, FeatureShape.sequence(3, 2),
            Modality.AUDIO, FeatureShape.sequence(3, 2), Modality.VISION, FeatureShape.sequence(3, 2)), 0,
            Task.REGRESSION);
    private static final String[] MODALITIES = {"text", "audio", "vision"};

    private final ModalityDiscriminatorFactory factory = new ModalityDiscriminatorFactory();
    private NDManager manager;

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(17);
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private ModalityDiscriminator build(Map<String, Object> raw, BuildContext context) {
        return (ModalityDiscriminator) factory.create(Parameters.of(factory.parameters(), raw), DATA, context);
    }

    private ModalityDiscriminator build(Map<String, Object> raw) {
        return build(raw, new DataContext(manager, DATA));
    }

    private static Parameter parameter(ModalityDiscriminator discriminator, String suffix) {
        return discriminator.getParameters().stream().filter(pair -> pair.getKey().endsWith(suffix))
                .map(pair -> pair.getValue()).findFirst().orElseThrow();
    }

    private static ModalityDiscriminator.Settings settings(MarginType type, double margin, double scale) {
        return new ModalityDiscriminator.Settings(1, 0, type, margin, scale, 0);
    }

    /** One feature f = (1, 0) against W's rows at 60°, 90° and 180° (of lengths 2, 3 and 0.5), label 0. */
    private float oneSample(MarginType type, double margin, double scale) {
        float half = (float) Math.sqrt(3);
        NDArray features = manager.create(new float[][] {{1, 0}});
        NDArray weight = manager.create(new float[][] {{1, half}, {0, 3}, {-0.5f, 0}});
        NDArray labels = manager.create(new float[][] {{1, 0, 0}});
        return ModalityDiscriminator.marginLoss(features, weight, labels, settings(type, margin, scale)).getFloat();
    }

    @Test
    void angularMarginIsEquationFourByHand() {
        // θ_y = π/3, τ = 0.5, α = 30: −log(e^{30 cos(π/3 + 0.5)} / (e^{30 cos(π/3 + 0.5)} + e^{30 cos(π/2)}
        // + e^{30 cos π})) = −log(e^{0.70790} / (e^{0.70790} + 1 + e^{−30})) = 0.400572
        double target = 30 * Math.cos(Math.PI / 3 + 0.5);
        double expected = -Math.log(Math.exp(target) / (Math.exp(target) + 1 + Math.exp(-30)));
        assertThat(expected).isCloseTo(0.400572450, within(1e-9));

        assertThat(oneSample(MarginType.ANGULAR, 0.5, 30)).isCloseTo((float) expected, within(2e-5f));
    }

    @Test
    void cosineMarginIsTheOfficialCodes() {
        // cos(π/3) − 0.5 = 0: −log(e^0 / (e^0 + e^0 + e^{−30})) = ln 2
        assertThat(oneSample(MarginType.COSINE, 0.5, 30)).isCloseTo((float) Math.log(2), within(1e-5f));
        // no margin: both options are the plain normalised softmax, −log(e^15 / (e^15 + 1 + e^−30))
        double plain = -Math.log(Math.exp(15) / (Math.exp(15) + 1 + Math.exp(-30)));
        assertThat(oneSample(MarginType.COSINE, 0, 30)).isCloseTo((float) plain, within(1e-6f));
        assertThat(oneSample(MarginType.ANGULAR, 0, 30)).isCloseTo((float) plain, within(1e-6f));
    }

    @Test
    void pastPiTheAngularMarginFallsOnContinuously() {
        double tau = 0.5;
        double[] angles = {Math.PI / 3, Math.PI - tau - 1e-3, Math.PI - tau + 1e-3, Math.toRadians(170), Math.PI};
        double[] cosines = new double[angles.length];
        for (int i = 0; i < angles.length; i++) {
            cosines[i] = Math.cos(angles[i]);
        }

        double[] target = MarginType.ANGULAR.target(manager.create(cosines), tau).toDoubleArray();

        assertThat(target[0]).isCloseTo(Math.cos(Math.PI / 3 + tau), within(1e-7));
        assertThat(target[1]).isCloseTo(Math.cos(Math.PI - 1e-3), within(1e-7));
        // past θ = π − τ: cos θ − (1 − cos τ), which is −1 at θ = π − τ and keeps falling
        assertThat(target[2]).isCloseTo(cosines[2] - (1 - Math.cos(tau)), within(1e-7));
        assertThat(target[2]).isCloseTo(-1, within(1e-3)).isLessThan(target[1]);
        assertThat(target[3]).isCloseTo(-1.1072251911, within(1e-7));
        assertThat(target[4]).isCloseTo(-2 + Math.cos(tau), within(1e-7));
    }

    /** Each modality's codes point along one axis; the hidden layer and W are the identity. */
    private float axisCodes(String[] axisOf, String marginType) {
        ModalityDiscriminator discriminator = build(Map.of("width", 3, "hidden", 3, "dropout", 0.0, "scale", 1.0,
                "codes", List.of("shared"), "margin-type", marginType));
        float[] identity = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        parameter(discriminator, "hidden_weight").getArray().set(identity);
        parameter(discriminator, "hidden_bias").getArray().set(new float[3]);
        parameter(discriminator, "classifier").getArray().set(identity);
        CodeTapsFixture taps = new CodeTapsFixture(manager);
        for (int m = 0; m < 3; m++) {
            int axis = List.of(MODALITIES).indexOf(axisOf[m]);
            float[] values = new float[2 * 2 * 3];
            values[axis] = 1;                       // sample 0, step 0
            values[3 + axis] = 3;                   // sample 0, step 1
            values[6 + axis] = 2;                   // sample 1, step 0
            values[9] = values[10] = values[11] = Float.NaN; // sample 1, step 1: padding
            taps.sequence(MODALITIES[m] + ".shared", 2, 3, values, 2, 1);
        }
        return discriminator.loss(taps.views()).getFloat();
    }

    @Test
    void labelsTextZeroAudioOneVisionTwo() {
        // text's codes along W_0, audio's along W_1, vision's along W_2: cos θ_y = 1, the others 0 (α = 1)
        double right = -Math.log(Math.exp(Math.cos(0.5)) / (Math.exp(Math.cos(0.5)) + 2));
        assertThat(axisCodes(MODALITIES, "angular")).isCloseTo((float) right, within(1e-3f));
        double rightCosine = -Math.log(Math.exp(0.5) / (Math.exp(0.5) + 2));
        assertThat(axisCodes(MODALITIES, "cosine")).isCloseTo((float) rightCosine, within(1e-6f));

        // text's and vision's codes swapped: for those two, cos θ_y = 0 (θ_y = π/2) and another class has cos 1
        String[] swapped = {"vision", "audio", "text"};
        double wrong = -Math.log(Math.exp(Math.cos(Math.PI / 2 + 0.5)) / (Math.exp(Math.cos(Math.PI / 2 + 0.5))
                + Math.E + 1));
        assertThat(axisCodes(swapped, "angular")).isCloseTo((float) ((2 * wrong + right) / 3), within(1e-3f));
    }

    @Test
    void countsTheHiddenLayerAndW() {
        ModalityDiscriminator small = build(Map.of("width", 4, "hidden", 5));
        // Linear(4 → 5) with bias, W [3, 5]
        assertThat(size(small)).isEqualTo(4 * 5 + 5 + 3 * 5);
        assertThat(parameter(small, "classifier").getArray().getShape()).isEqualTo(new Shape(3, 5));
        // SATI: H = 128 = hidden
        assertThat(size(build(Map.of()))).isEqualTo(128 * 128 + 128 + 3 * 128);
    }

    private static long size(ModalityDiscriminator discriminator) {
        return discriminator.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    private BuildContext doubles() {
        return new BuildContext() {
            @Override
            public NDManager manager() {
                return manager;
            }

            @Override
            public DataType dataType() {
                return DataType.FLOAT64;
            }
        };
    }

    /** Codes [2 kinds × 3 modalities, B = 2, T = 2, H = 3] for a discriminator reading "shared" and "private". */
    private static Function<NDArray, NDArray> lossOfCodes(Objective discriminator) {
        return all -> {
            CodeTapsFixture taps = new CodeTapsFixture(all.getManager());
            String[] kinds = {"shared", "private"};
            for (int k = 0; k < 2; k++) {
                for (int m = 0; m < 3; m++) {
                    taps.sequence(MODALITIES[m] + "." + kinds[k], all.get(k * 3 + m), 2, 1);
                }
            }
            return discriminator.loss(taps.views());
        };
    }

    @Test
    void theCodesGetMinusLambdaTimesTheGradientOfTheLoss() {
        Random random = new Random(2);
        double[] codes = new double[6 * 2 * 2 * 3];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = random.nextDouble();
        }
        Shape shape = new Shape(6, 2, 2, 3);
        ModalityDiscriminator discriminator = build(Map.of("width", 3, "hidden", 8, "dropout", 0.0,
                "lambda", 0.4, "weight-penalty", 0.01), doubles());
        Function<NDArray, NDArray> loss = lossOfCodes(discriminator);

        double[] reversed = GradientCheck.autograd(manager, loss, codes, shape);
        double[] numeric = GradientCheck.finiteDifferences(manager, loss, codes, shape, 1e-6);

        assertThat(Arrays.stream(numeric).map(Math::abs).max().orElseThrow()).isGreaterThan(1e-3);
        for (int i = 0; i < codes.length; i++) {
            assertThat(reversed[i]).isCloseTo(-0.4 * numeric[i], within(1e-7));
        }
        // sample 1's step 1 is padding: no gradient
        assertThat(reversed[9]).isZero();
    }

    @Test
    void wAndTheHiddenLayerMinimiseTheLoss() {
        Random random = new Random(4);
        double[] codes = new double[6 * 2 * 2 * 3];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = random.nextDouble();
        }
        ModalityDiscriminator discriminator = build(Map.of("width", 3, "hidden", 8, "dropout", 0.0,
                "weight-penalty", 0.01), doubles());
        Function<NDArray, NDArray> loss = lossOfCodes(discriminator);
        Shape shape = new Shape(6, 2, 2, 3);
        NDArray input = manager.create(codes, shape);
        NDArray weight = parameter(discriminator, "classifier").getArray();
        double[] gradient;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(loss.apply(input));
            gradient = weight.getGradient().toDoubleArray();
            assertThat(parameter(discriminator, "hidden_weight").getArray().getGradient().abs().sum().getDouble())
                    .isPositive();
        }
        assertThat(Arrays.stream(gradient).map(Math::abs).max().orElseThrow()).isGreaterThan(1e-3);

        // W's gradient is the loss's own (not reversed): the central difference in each entry of W
        double[] values = weight.toDoubleArray();
        for (int i = 0; i < values.length; i++) {
            double[] up = values.clone();
            double[] down = values.clone();
            up[i] += 1e-6;
            down[i] -= 1e-6;
            weight.set(up);
            double above = GradientCheck.value(manager, loss, codes, shape);
            weight.set(down);
            double below = GradientCheck.value(manager, loss, codes, shape);
            assertThat(gradient[i]).isCloseTo((above - below) / 2e-6, within(1e-7));
        }
    }

    @Test
    void dropsHiddenUnitsAfreshInEveryStepUnlessTheRateIsZero() {
        double[] codes = new double[6 * 2 * 2 * 3];
        Arrays.setAll(codes, i -> 0.1 + 0.01 * i);
        Shape shape = new Shape(6, 2, 2, 3);
        Function<NDArray, NDArray> kept = lossOfCodes(build(Map.of("width", 3, "hidden", 64, "dropout", 0.0),
                doubles()));
        Function<NDArray, NDArray> dropped = lossOfCodes(build(Map.of("width", 3, "hidden", 64), doubles()));

        assertThat(GradientCheck.value(manager, kept, codes, shape))
                .isEqualTo(GradientCheck.value(manager, kept, codes, shape));
        assertThat(GradientCheck.value(manager, dropped, codes, shape))
                .isNotEqualTo(GradientCheck.value(manager, dropped, codes, shape));
    }

    @Test
    void readsEveryKindOfCodesOfEveryModality() {
        assertThat(build(Map.of()).taps()).containsExactly("text.shared", "audio.shared", "vision.shared",
                "text.private", "audio.private", "vision.private");
        assertThat(build(Map.of("codes", List.of("sequence"), "modalities", List.of("text", "vision"))).taps())
                .containsExactly("text.sequence", "vision.sequence");
    }

    @Test
    void namesATapOfTheWrongWidth() {
        CodeTapsFixture taps = new CodeTapsFixture(manager);
        for (String modality : MODALITIES) {
            taps.sequence(modality + ".shared", 1, 2, new float[] {1, 2}, 1);
        }
        Objective discriminator = build(Map.of("width", 3, "codes", List.of("shared")));

        assertThatThrownBy(() -> discriminator.loss(taps.views()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("modality-discriminator reads tap 'text.shared' as codes of width 3 (its 'width' "
                        + "parameter), found (1, 1, 2)");
    }

    @Test
    void rejectsRepeatedCodesAndMissingModalities() {
        assertThatThrownBy(() -> build(Map.of("codes", List.of("shared", "shared"))))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("parameter 'codes': names one or more distinct code taps");
        Map<Modality, FeatureShape> textOnly = new HashMap<>(DATA.inputs());
        textOnly.keySet().retainAll(List.of(Modality.TEXT, Modality.AUDIO));
        DataSpec data = new DataSpec(textOnly, 0, Task.REGRESSION);
        assertThatThrownBy(() -> factory.create(Parameters.defaults(factory.parameters()), data,
                new DataContext(manager, data)))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("names vision, but the data has only text, audio");
    }
}
