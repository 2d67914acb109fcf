package io.mosaic.losses.coral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.mosaic.api.component.ParameterException;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.Task;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;
import io.mosaic.api.objective.Objective;
import io.mosaic.api.objective.ObjectiveModule;
import io.mosaic.api.objective.Views;
import io.mosaic.losses.testing.DataContext;
import io.mosaic.losses.testing.GradientCheck;
import io.mosaic.losses.testing.TargetBatch;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CORAL-ULGM seed's eq. 12–15 and its Table II syntax. */
class CoralTest {
    private static final DataSpec DATA = new DataSpec(Map.of(Modality.TEXT, FeatureShape.sequence(3, 2),
            Modality.AUDIO, FeatureShape.sequence(3, 2), Modality.VISION, FeatureShape.sequence(3, 2)), 0,
            Task.REGRESSION);
    /** Three samples of two features; mean (3, 2), centred rows (−2, 0), (0, −2), (2, 2). */
    private static final float[][] X_A = {{1, 2}, {3, 0}, {5, 4}};
    /** Mean (1, 1), centred rows (−1, 0), (1, 1), (0, −1). */
    private static final float[][] X_B = {{0, 1}, {2, 2}, {1, 0}};

    private final CoralFactory factory = new CoralFactory();
    private NDManager manager;

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(5);
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Objective build(Map<String, Object> raw, DataSpec data) {
        return factory.create(Parameters.of(factory.parameters(), raw), data, new DataContext(manager, data));
    }

    private Objective build(Map<String, Object> raw) {
        return build(raw, DATA);
    }

    private Views views(Taps taps) {
        NDArray zeros = manager.zeros(new Shape(1));
        return Views.clean(TargetBatch.of(zeros, zeros), taps, new ParameterStore(manager, false));
    }

    /** Taps features.text, .audio, .vision from the given arrays (null: left out). */
    private Taps features(float[][] text, float[][] audio, float[][] vision) {
        Taps taps = new Taps();
        if (text != null) {
            taps.put("features.text", Features.pooled(manager.create(text)));
        }
        if (audio != null) {
            taps.put("features.audio", Features.pooled(manager.create(audio)));
        }
        if (vision != null) {
            taps.put("features.vision", Features.pooled(manager.create(vision)));
        }
        return taps;
    }

    @Test
    void unbiasedCovariancesOfEq12And13ByHand() {
        // C_A = [[8, 4], [4, 8]] / (3 − 1); C_B = [[2, 1], [1, 2]] / 2
        assertThat(Coral.covariance(manager.create(X_A)).toFloatArray()).containsExactly(4, 2, 2, 4);
        assertThat(Coral.covariance(manager.create(X_B)).toFloatArray()).containsExactly(1, 0.5f, 0.5f, 1);
    }

    @Test
    void distanceOfEq14ByHand() {
        // C_A − C_B = [[3, 1.5], [1.5, 3]]; ‖·‖²_F = 9 + 2.25 + 2.25 + 9 = 22.5; / (4 · 2²) = 1.40625
        Objective coral = build(Map.of("pairs", "T-A"));

        float loss = coral.loss(views(features(X_A, X_B, null))).getFloat();

        assertThat(loss).isCloseTo(1.40625f, within(1e-6f));
        assertThat(coral.taps()).containsExactly("features.text", "features.audio");
    }

    @Test
    void theCovarianceIgnoresTheMeansSoAShiftChangesNothing() {
        float[][] shifted = {{1001, -498}, {1003, -500}, {1005, -496}};

        float loss = build(Map.of("pairs", "A-V")).loss(views(features(null, shifted, X_B))).getFloat();

        assertThat(loss).isCloseTo(1.40625f, within(1e-5f));
    }

    /**
     * Eq. 15: ∂CORAL/∂X_A = (1/(d²(n−1))) (X_Aᵀ − (1/n)(1ᵀX_A)ᵀ1ᵀ)ᵀ (C_A − C_B), against autograd and central
     * differences.
     */
    @Test
    void gradientOfEq15EqualsAutogradAndFiniteDifferences() {
        int n = 5;
        int d = 3;
        Random random = new Random(3);
        double[] a = new double[n * d];
        double[] b = new double[n * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextGaussian();
            b[i] = 2 * random.nextGaussian() + 1;
        }
        Shape shape = new Shape(n, d);
        NDArray fixedB = manager.create(b, shape);
        Function<NDArray, NDArray> f = x -> Coral.distance(x, fixedB);

        double[] autograd = GradientCheck.autograd(manager, f, a, shape);
        double[] differences = GradientCheck.finiteDifferences(manager, f, a, shape, 1e-6);
        double[] eq15 = eq15(a, b, n, d);

        assertThat(autograd).containsExactly(eq15, within(1e-9));
        assertThat(differences).containsExactly(eq15, within(1e-6));
        assertThat(Arrays.stream(eq15).map(Math::abs).max().orElseThrow()).as("the largest component")
                .isGreaterThan(1e-2);
    }

    /** Eq. 15 written out in doubles: centred X_A [n, d] times (C_A − C_B) [d, d], over d²(n − 1). */
    private static double[] eq15(double[] a, double[] b, int n, int d) {
        double[][] centredA = centred(a, n, d);
        double[][] difference = new double[d][d];
        double[][] covarianceA = covariance(centredA, n, d);
        double[][] covarianceB = covariance(centred(b, n, d), n, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                difference[i][j] = covarianceA[i][j] - covarianceB[i][j];
            }
        }
        double[] gradient = new double[n * d];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    sum += centredA[r][k] * difference[k][j];
                }
                gradient[r * d + j] = sum / ((double) d * d * (n - 1));
            }
        }
        return gradient;
    }

    /** X − (1/n) 1 (1ᵀX). */
    private static double[][] centred(double[] x, int n, int d) {
        double[][] out = new double[n][d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int r = 0; r < n; r++) {
                mean += x[r * d + j] / n;
            }
            for (int r = 0; r < n; r++) {
                out[r][j] = x[r * d + j] - mean;
            }
        }
        return out;
    }

    private static double[][] covariance(double[][] centred, int n, int d) {
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                for (int r = 0; r < n; r++) {
                    out[i][j] += centred[r][i] * centred[r][j] / (n - 1);
                }
            }
        }
        return out;
    }

    @Test
    void pairsSumAlignmentAndRepulsionTerms() {
        float[][] vision = {{0, 0}, {1, 3}, {-2, 1}};
        Taps taps = features(X_A, X_B, vision);
        float textVision = build(Map.of("pairs", "T-V")).loss(views(taps)).getFloat();
        float visionAudio = build(Map.of("pairs", "V-A")).loss(views(taps)).getFloat();

        float mixed = build(Map.of("pairs", "T-V/V+A")).loss(views(taps)).getFloat();

        assertThat(mixed).isCloseTo(textVision + (float) Math.exp(-visionAudio), within(1e-5f));
        assertThat(build(Map.of("pairs", "T-V/V+A", "repulsion", "hinge", "margin", 100.0)).loss(views(taps))
                .getFloat()).isCloseTo(textVision + (100 - visionAudio) / 100, within(1e-5f));
    }

    @Test
    void theRepulsionIsBoundedInZeroToOneAndFallsFromOneAtEqualCovariances() {
        double[] distances = {0, 1e-3, 0.5, 1, 2, 10, 1e4, 1e30};
        for (Repulsion repulsion : Repulsion.values()) {
            double previous = 1;
            for (double distance : distances) {
                double term = repulsion.of(manager.create((float) distance), 2.0).getFloat();
                assertThat(term).as("%s at CORAL %s", repulsion, distance).isBetween(0.0, 1.0)
                        .isLessThanOrEqualTo(previous);
                previous = term;
            }
            assertThat(repulsion.of(manager.create(0f), 2.0).getFloat()).isEqualTo(1f);
        }
        assertThat(Repulsion.HINGE.of(manager.create(1f), 2.0).getFloat()).isEqualTo(0.5f);
        assertThat(Repulsion.HINGE.of(manager.create(2.5f), 2.0).getFloat()).isEqualTo(0f);
        assertThat(Repulsion.EXP.of(manager.create(1f), 2.0).getFloat()).isCloseTo((float) Math.exp(-1), within(1e-7f));

        // Through the objective: identical features repel with the full term, far covariances with next to none.
        assertThat(build(Map.of("pairs", "T+A")).loss(views(features(X_A, X_A, null))).getFloat()).isEqualTo(1f);
        float[][] wide = {{0, 0}, {100, -50}, {-100, 80}};
        float far = build(Map.of("pairs", "T+A")).loss(views(features(X_A, wide, null))).getFloat();
        assertThat(far).isBetween(0f, 1e-6f);
    }

    @Test
    void sequencesAreComparedByTheirMeansOverValidStepsSoPaddingChangesNothing() {
        Taps taps = new Taps();
        // X_A's rows as the means of two steps each; a third, padded step holds NaN
        float nan = Float.NaN;
        float[] steps = {0, 2, 2, 2, nan, nan, /* */ 3, 0, 3, 0, nan, 1, /* */ 6, 4, 4, 4, 1e9f, nan};
        taps.put("features.text", Features.sequence(manager.create(steps, new Shape(3, 3, 2)),
                manager.create(new long[] {2, 2, 2})));
        taps.put("features.audio", Features.pooled(manager.create(X_B)));

        float loss = build(Map.of("pairs", "T-A")).loss(views(taps)).getFloat();

        assertThat(loss).isCloseTo(1.40625f, within(1e-6f));
    }

    @Test
    void aBatchOfOneSampleHasNoCovarianceAndGivesZero() {
        NDArray loss = build(Map.of("pairs", "T-A/T+V")).loss(views(features(new float[][] {{1, 2}},
                new float[][] {{3, 4}}, new float[][] {{5, 6}})));

        assertThat(loss.getShape()).isEqualTo(new Shape());
        assertThat(loss.getFloat()).isEqualTo(0f);
    }

    @Test
    void projectionsToDAreTrainedParametersOfTheObjective() {
        Objective objective = build(Map.of("pairs", "T-A", "dim", 3, "widths", List.of(4, 2)));
        assertThat(objective).isInstanceOf(ObjectiveModule.class);
        ObjectiveModule coral = (ObjectiveModule) objective;
        // no bias: 4·3 for text, 2·3 for audio
        assertThat(coral.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum()).isEqualTo(18);
        NDArray pText = parameter(coral, "projection_text_weight").getArray();
        NDArray pAudio = parameter(coral, "projection_audio_weight").getArray();
        float[][] text = {{1, 0, 2, -1}, {0, 1, 1, 1}, {2, 2, 0, 1}, {-1, 3, 1, 0}};
        float[][] audio = {{1, 2}, {0, -1}, {3, 1}, {2, 2}};
        coral.getParameters().values().forEach(p -> p.getArray().setRequiresGradient(true));

        NDArray loss;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            loss = coral.loss(views(features(text, audio, null)));
            collector.backward(loss);
        }

        // CORAL(X_T P_Tᵀ, X_A P_Aᵀ), P_m [3, D_m] as Linear stores its weight
        float expected = Coral.distance(manager.create(text).matMul(pText.transpose()),
                manager.create(audio).matMul(pAudio.transpose())).getFloat();
        assertThat(loss.getFloat()).isCloseTo(expected, within(1e-5f)).isGreaterThan(0f);
        assertThat(pText.getGradient().abs().sum().getFloat()).isGreaterThan(0f);
        assertThat(pAudio.getGradient().abs().sum().getFloat()).isGreaterThan(0f);
    }

    /** One width per modality of the data serves every pair string (a --vary grid): only the named are projected. */
    @Test
    void widthsOfEveryModalityOfTheDataProjectOnlyThoseThePairsName() {
        ObjectiveModule coral = (ObjectiveModule) build(Map.of("pairs", "V-A", "dim", 3, "widths", List.of(4, 2, 5)));

        // audio 2·3, vision 5·3, no text projection
        assertThat(coral.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum()).isEqualTo(21);
        assertThat(coral.getParameters().keys()).noneMatch(name -> name.contains("text"));
        assertThat(parameter(coral, "projection_vision_weight").getArray().getShape()).isEqualTo(new Shape(3, 5));
    }

    private static Parameter parameter(ObjectiveModule module, String suffix) {
        return module.getParameters().stream().filter(pair -> pair.getKey().endsWith(suffix))
                .map(pair -> pair.getValue()).findFirst().orElseThrow();
    }

    @Test
    void withoutProjectionsTheObjectiveHasNoParametersAndRefusesTapsOfUnequalWidths() {
        Objective coral = build(Map.of("pairs", "T-A"));
        assertThat(coral).isNotInstanceOf(ObjectiveModule.class);
        Taps taps = features(X_A, new float[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 0}}, null);

        assertThatThrownBy(() -> coral.loss(views(taps)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tap 'features.audio' is (3, 3)")
                .hasMessageContaining("'features.text' (3, 2)")
                .hasMessageContaining("give 'widths'");
        assertThatThrownBy(() -> build(Map.of("pairs", "T-A", "dim", 4)).loss(views(features(X_A, X_B, null))))
                .hasMessageContaining("not of width 4 ('dim')");
    }

    @Test
    void projectedTapsOfAnotherWidthThanDeclaredAreRefusedByName() {
        Objective coral = build(Map.of("pairs", "T-A", "dim", 2, "widths", List.of(3, 2)));

        assertThatThrownBy(() -> coral.loss(views(features(X_A, X_B, null))))
                .hasMessageContaining("tap 'features.text' from width 3 (its entry in 'widths'), found (3, 2)");
    }

    @Test
    void refusesParametersThatDoNotFitNamingTheParameter() {
        assertThatThrownBy(() -> build(Map.of("pairs", "T-A/V+A", "dim", 2, "widths", List.of(3, 2))))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("parameter 'widths': gives 2 widths, expected 3")
                .hasMessageContaining("text, audio, vision");
        assertThatThrownBy(() -> build(Map.of("pairs", "T-A", "widths", List.of(3, 2))))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("parameter 'dim'");
        assertThatThrownBy(() -> build(Map.of("pairs", "T-A", "on", "features")))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("parameter 'on': expected a tap name with {m}");
        DataSpec bimodal = new DataSpec(Map.of(Modality.TEXT, FeatureShape.sequence(3, 2),
                Modality.AUDIO, FeatureShape.sequence(3, 2)), 0, Task.REGRESSION);
        assertThatThrownBy(() -> build(Map.of("pairs", "T-A/A+V"), bimodal))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("parameter 'pairs': pair 'A+V' names vision, but the data has only text, audio");
        assertThatThrownBy(() -> build(Map.of("pairs", "T-X")))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("parameter 'pairs': character 3: expected T, A or V, found 'X'");
    }

    @Test
    void theTemplateNamesEachModalitysTap() {
        Map<String, Object> raw = new HashMap<>();
        raw.put("pairs", "T-V/V+A");
        raw.put("on", "heads.{m}.feature");

        assertThat(build(raw).taps()).containsExactly("heads.text.feature", "heads.audio.feature",
                "heads.vision.feature");
    }
}
