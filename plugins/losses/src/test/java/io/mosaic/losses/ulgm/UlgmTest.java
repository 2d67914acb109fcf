package io.mosaic.losses.ulgm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.mosaic.api.component.ParameterException;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.Task;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Taps;
import io.mosaic.api.model.Temporaries;
import io.mosaic.api.model.TrainingSplit;
import io.mosaic.api.objective.SampleTable;
import io.mosaic.api.objective.Views;
import io.mosaic.encoders.testing.DirectMemory;
import io.mosaic.losses.testing.ListSplit;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ULGM (mmsa.md §3.4) on six hand-built samples over three epochs, two batches of three in a fixed order, with
 * modalities text (features of width 2) and audio (width 1) and a fusion of width 1. The expected labels and centres
 * are worked by hand from §3.4's steps; the comments show the arithmetic of the ones that come out round.
 */
class UlgmTest {
    private static final DataSpec DATA = new DataSpec(Map.of(Modality.TEXT, FeatureShape.vector(2),
            Modality.AUDIO, FeatureShape.vector(1), Modality.VISION, FeatureShape.vector(1)), 0, Task.REGRESSION);
    private static final List<String> IDS = List.of("a", "b", "c", "d", "e", "f");
    private static final List<List<String>> BATCHES = List.of(List.of("a", "b", "c"), List.of("d", "e", "f"));
    /** y^f: the multimodal labels; e's 0 is left out of the positive centres. */
    private static final float[] LABELS = {2, 1, -1, -2, 0, 1.5f};
    /**
     * Per epoch and sample (a..f): F_f, then F_text (2 values), then F_audio. In epoch 2, c's text feature (0.5, 0.5)
     * sits exactly on the text positive centre, so d⁺ = 0 and only ε keeps δ finite.
     */
    private static final float[][][] FEATURES = {
        {{1, 1, 0, 0.5f}, {0.5f, 0, 1, 1}, {-0.5f, -1, 0, -0.5f}, {-1, 0, -1, -1}, {0, 0.25f, 0.25f, 0},
            {0.75f, 0.5f, 0.5f, -0.25f}},
        {{1.5f, 0.75f, 0.25f, 0.25f}, {0.25f, 0, 0.5f, 1.5f}, {-0.25f, 0.5f, 0.5f, -1}, {-0.5f, -0.5f, -0.5f, -0.5f},
            {0.5f, 0, 0, 0.5f}, {1, 1, 0.5f, 0}},
        {{1.25f, 1, 0.5f, 0.75f}, {0.5f, 0.25f, 0.75f, 0.5f}, {-1, -0.5f, 0.25f, -0.75f},
            {-0.75f, -1, -0.5f, 0.25f}, {0.25f, 0.5f, 0, -0.5f}, {0.5f, 0.75f, 0.75f, 0.25f}}};
    private static final double EXACT = 1e-12;

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void epochOneOnlyStoresFeaturesAndRecomputesTheCentres() {
        Ulgm ulgm = fitted(Map.of());
        runEpoch(ulgm, 1);

        // No update in epoch 1: every generated label is still y^f.
        assertLabels(ulgm, 0, 2, 1, -1, -2, 0, 1.5);
        assertLabels(ulgm, 1, 2, 1, -1, -2, 0, 1.5);
        // Centres over the whole memory; positives {a, b, f} (e's 0 excluded), negatives {c, d}.
        assertCentres(ulgm, 0, new double[] {(1 + 0.5 + 0.75) / 3}, new double[] {(-0.5 - 1) / 2});
        assertCentres(ulgm, 1, new double[] {0.5, 0.5}, new double[] {-0.5, -0.5});
        assertCentres(ulgm, 2, new double[] {(0.5 + 1 - 0.25) / 3}, new double[] {-0.75});
    }

    @Test
    void theCentresOfEpochOneIncludeTheRowsNotYetSeenAsZeros() {
        Ulgm ulgm = fitted(Map.of());
        update(ulgm, 1, BATCHES.get(0));

        // After a, b, c only: positives {a, b, f}, f's row still zero.
        assertCentres(ulgm, 0, new double[] {(1 + 0.5 + 0) / 3.0}, new double[] {(-0.5 + 0) / 2});
    }

    @Test
    void epochTwoMovesTheLabelsWithMomentumOneThirdOldTwoThirdsNewFromThePreviousBatchsCentres() {
        Ulgm ulgm = fitted(Map.of());
        runEpoch(ulgm, 1);
        update(ulgm, 2, BATCHES.get(0));

        // a, text: δ_f = (2.25 − 0.75)/(0.75 + ε) ≈ 2; δ_t = (√2.125 − √0.125)/(√0.125 + ε) ≈ 3.1231; α ≈ 1.5616;
        // ỹ = ½·α·2 + ½·(2 + δ_t − δ_f) ≈ 3.1231, clamped to H = 3; y = ⅓·2 + ⅔·3 = 8/3.
        // c, text: d⁺ = 0, δ_t = √2/ε ≈ 1.4e8, ỹ ≈ 2.1e8 (finite thanks to ε), clamped to 3: y = ⅓·(−1) + ⅔·3 = 5/3.
        assertLabels(ulgm, 0, 8 / 3.0, 1.1573786459725133, 5 / 3.0, -2, 0, 1.5);
        // a, audio: ỹ ≈ 5.0 clamped to 3, y = 8/3 again.
        assertLabels(ulgm, 1, 8 / 3.0, 1.0512820549112425, -1.3235294240888122, -2, 0, 1.5);
        // The text centres follow the text labels: c (now 5/3) joined the positives.
        assertCentres(ulgm, 1, new double[] {(0.75 + 0 + 0.5 + 0.5) / 4, (0.25 + 0.5 + 0.5 + 0.5) / 4},
                new double[] {0, -1});
    }

    @Test
    void threeEpochsGiveTheHandComputedLabelsAndCentresWithMomentumOneHalfInEpochThree() {
        Ulgm ulgm = fitted(Map.of());
        for (int epoch = 1; epoch <= 2; epoch++) {
            runEpoch(ulgm, epoch);
        }
        // e (y^f = 0), audio: ỹ clamped to 3, y = ⅓·0 + ⅔·3 = 2; f, audio: ỹ clamped to −3, y = ⅓·1.5 − 2 = −1.5.
        assertLabels(ulgm, 1, 8 / 3.0, 1.0512820549112425, -1.3235294240888122, -1.5657327623587682, 2, -1.5);
        assertLabels(ulgm, 0, 8 / 3.0, 1.1573786459725133, 5 / 3.0, -1.5301005795784977, -0.5862519558088242,
                -1.0633462923606924);
        assertCentres(ulgm, 0, new double[] {(1.5 + 0.25 + 1) / 3}, new double[] {(-0.25 - 0.5) / 2});

        runEpoch(ulgm, 3);
        // a, audio: ỹ clamped to 3, y = ½·8/3 + ½·3 = 17/6.
        assertLabels(ulgm, 1, 17 / 6.0, 1.9324591687663664, -1.260759573083746, -0.28286639717938344,
                0.6442307732359467, -0.4374999975625);
        assertLabels(ulgm, 0, 1.1106671166586923, 1.0428202093833159, 0.6053867332829483, -1.1703583241592463,
                -0.5190547757239569, -0.3505661247646218);
        assertCentres(ulgm, 0, new double[] {(1.25 + 0.5 + 0.5) / 3}, new double[] {(-1 - 0.75) / 2});
        assertCentres(ulgm, 1, new double[] {0.25, 0.5}, new double[] {1 / 12.0, 1 / 12.0});
        assertCentres(ulgm, 2, new double[] {0.25}, new double[] {-1 / 12.0});
    }

    @Test
    void theScaledDistanceIsThePapersSquaredNormOverTheSquareRootOfTheWidth() {
        Ulgm ulgm = fitted(Map.of(UlgmFactory.DISTANCE, "scaled"));
        runEpoch(ulgm, 1);
        update(ulgm, 2, BATCHES.get(0));

        // a, text: D⁺ = 0.125/√2, D⁻ = 2.125/√2, δ_t = 2/(0.125/√2 + ε) ≈ 16 (the l2 distance gives 3.12);
        // δ_f = (1.5² − 0.75²)/(0.75² + ε) ≈ 3; ỹ = ½·(16/3)·2 + ½·(2 + 16 − 3) ≈ 12.8, clamped: y = 8/3.
        // b's label comes out elsewhere than with the l2 distance.
        double[] l2 = labelsAfterEpochTwoBatchOne(Map.of());
        double[] scaled = labels(ulgm, 0);
        assertThat(scaled[0]).isCloseTo(8 / 3.0, within(EXACT));
        assertThat(scaled[1]).isNotCloseTo(l2[1], within(1e-3));

        update(ulgm, 2, BATCHES.get(1));
        runEpoch(ulgm, 3);
        assertLabels(ulgm, 0, -0.16666666666666674, 1.121994886833583, 0.5863757538163709, -0.8923310178674931,
                -1.5503048657678624, -2.25);
        assertLabels(ulgm, 1, 2.833333333333333, 2.0696910132435704, -1.1267256726517663, 0.6213184063611836,
                0.43897929908965105, -1.4843749570320321);
    }

    @Test
    void aStateSavedMidEpochTwoRestoresIntoAFreshObjectiveThatContinuesBitForBit() {
        Ulgm straight = fitted(Map.of());
        Ulgm stopped = fitted(Map.of());
        for (Ulgm ulgm : List.of(straight, stopped)) {
            runEpoch(ulgm, 1);
            update(ulgm, 2, BATCHES.get(0));
        }
        Ulgm resumed = fitted(Map.of());
        try (NDManager checkpoint = manager.newSubManager()) {
            NDList state = stopped.state(checkpoint);
            resumed.restore(NDList.decode(checkpoint, state.encode()));
        }
        for (Ulgm ulgm : List.of(straight, resumed)) {
            update(ulgm, 2, BATCHES.get(1));
            runEpoch(ulgm, 3);
        }

        for (int s = 0; s < 2; s++) {
            assertThat(labels(resumed, s)).containsExactly(labels(straight, s));
        }
        for (int m = 0; m < 3; m++) {
            FeatureMemory expected = straight.memory().features().get(m);
            FeatureMemory actual = resumed.memory().features().get(m);
            assertThat(actual.positiveCentre()).containsExactly(expected.positiveCentre());
            assertThat(actual.negativeCentre()).containsExactly(expected.negativeCentre());
            assertThat(actual.rows()).containsExactly(expected.rows());
        }
        assertLabels(resumed, 0, 1.1106671166586923, 1.0428202093833159, 0.6053867332829483, -1.1703583241592463,
                -0.5190547757239569, -0.3505661247646218);
    }

    @Test
    void aStateSavedBeforeAnyUpdateHasOnlyTheLabels() {
        Ulgm ulgm = fitted(Map.of());
        try (NDManager checkpoint = manager.newSubManager()) {
            NDList state = ulgm.state(checkpoint);
            assertThat(state).hasSize(2);
            assertThat(state.get(1).getShape()).isEqualTo(new Shape(2, 6));
            Ulgm resumed = fitted(Map.of());
            resumed.restore(state);
            assertThat(resumed.memory().features()).isEmpty();
        }
    }

    @Test
    void aStateOfAnotherSplitIsRefused() {
        Ulgm ulgm = fitted(Map.of());
        try (NDManager checkpoint = manager.newSubManager()) {
            NDList state = ulgm.state(checkpoint);
            NDList otherLabels = new NDList(checkpoint.create(new double[] {1, 1, 1, 1, 1, 1}), state.get(1));
            assertThatThrownBy(() -> ulgm.restore(otherLabels)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not this training split's");
            NDList shorter = new NDList(checkpoint.create(new double[] {2, 1}), state.get(1));
            assertThatThrownBy(() -> ulgm.restore(shorter)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the multimodal labels are (2)");
        }
    }

    /**
     * With {@code collected}, the loss is computed as the runtime computes an objective (its temporaries released when
     * it returns) and the collector frees what nothing reaches before backward: the weights w, made from Java data,
     * once lay over a buffer it freed while autograd held them.
     */
    @ParameterizedTest(name = "collected before backward: {0}")
    @ValueSource(booleans = {false, true})
    void theLossIsTheTanhWeightedUnimodalL1AgainstTheLabelsBeforeTheStepsUpdate(boolean collected) {
        Ulgm ulgm = fitted(Map.of(UlgmFactory.WEIGHTS, List.of(1.0, 0.5)));
        runEpoch(ulgm, 1);
        runEpoch(ulgm, 2);
        List<String> batch = BATCHES.get(0);
        float[] text = {2.5f, 1, 0};
        float[] audio = {3, 2, -1};
        NDArray textPrediction = manager.create(text, new Shape(3, 1));
        NDArray audioPrediction = manager.create(audio);
        Taps taps = new Taps().put("prediction.text", textPrediction).put("prediction.audio", audioPrediction);
        textPrediction.setRequiresGradient(true);
        double[][] y = {{8 / 3.0, 1.1573786459725133, 5 / 3.0}, {8 / 3.0, 1.0512820549112425, -1.3235294240888122}};
        double[] yf = {2, 1, -1};
        double expected = 0;
        double[] textGradient = new double[3];
        for (int i = 0; i < 3; i++) {
            double wText = Math.tanh(Math.abs(y[0][i] - yf[i]));
            double wAudio = Math.tanh(Math.abs(y[1][i] - yf[i]));
            expected += (wText * Math.abs(text[i] - y[0][i]) + 0.5 * wAudio * Math.abs(audio[i] - y[1][i])) / 3;
            textGradient[i] = wText * Math.signum(text[i] - y[0][i]) / 3;
        }
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray loss = Temporaries.released(() -> ulgm.loss(Views.clean(batch(manager, batch), taps)));
            assertThat(loss.getShape()).isEqualTo(new Shape());
            assertThat(loss.getFloat()).isCloseTo((float) expected, within(1e-6f));
            if (collected) {
                DirectMemory.collectUnreachable();
            }
            collector.backward(loss);
        }
        float[] gradient = textPrediction.getGradient().toFloatArray();
        for (int i = 0; i < 3; i++) {
            assertThat(gradient[i]).isCloseTo((float) textGradient[i], within(1e-6f));
        }
    }

    @Test
    void inEpochsOneAndTwoEverySampleStillWeighsZeroBeforeItsFirstUpdate() {
        Ulgm ulgm = fitted(Map.of());
        runEpoch(ulgm, 1);
        // w = tanh(|y^s − y^f|) = tanh(0) before a sample's first update in epoch 2.
        assertThat(lossOn(ulgm, BATCHES.get(0))).isZero();
        update(ulgm, 2, BATCHES.get(0));
        assertThat(lossOn(ulgm, BATCHES.get(1))).isZero();
        assertThat(lossOn(ulgm, BATCHES.get(0))).isPositive();
    }

    @Test
    void samplesOutsideTheTrainingSplitHaveNoGeneratedLabelAndWeighZero() {
        Ulgm ulgm = fitted(Map.of());
        runEpoch(ulgm, 1);
        runEpoch(ulgm, 2);

        assertThat(lossOn(ulgm, List.of("valid-1", "valid-2", "valid-3"))).isZero();
        assertThatThrownBy(() -> update(ulgm, 3, List.of("a", "valid-1", "c")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample valid-1 is not in the training split");
    }

    @Test
    void thePublishedTableHoldsEachSamplesMultimodalAndGeneratedLabels() {
        Ulgm ulgm = fitted(Map.of());
        runEpoch(ulgm, 1);
        runEpoch(ulgm, 2);

        SampleTable table = ulgm.published().orElseThrow();
        assertThat(table.columns()).containsExactly("multimodal", "text", "audio");
        assertThat(table.rows().keySet()).containsExactlyElementsOf(IDS);
        assertThat(table.rows().get("e")).containsExactly(0.0, -0.5862519558088242, 2.0);
    }

    @Test
    void anEmptyClassIsAClearError() {
        // Every multimodal label positive: the fusion's negative class is empty.
        Ulgm ulgm = fitted(Map.of(), new ListSplit(manager, List.<Function<NDManager, Batch>>of(m -> new Batch(IDS,
                new EnumMap<>(Modality.class), Optional.empty(), m.create(new float[] {1, 2, 3, 1, 2, 3}),
                m.zeros(new Shape(6)), m.zeros(new Shape(6))))));
        runEpoch(ulgm, 1);
        assertThatThrownBy(() -> update(ulgm, 2, BATCHES.get(0))).isInstanceOf(IllegalStateException.class)
                .hasMessage("no training sample has a negative fusion label, so ULGM's fusion class centre is "
                        + "undefined");
    }

    @Test
    void badParametersNameTheParameterAndWhatWasExpected() {
        UlgmFactory factory = new UlgmFactory();
        assertThatThrownBy(() -> factory.create(parameters(Map.of(UlgmFactory.WEIGHTS, List.of(1.0, 1.0))), DATA))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("weights")
                .hasMessageContaining("expected one per modality");
        assertThatThrownBy(() -> factory.create(parameters(Map.of(UlgmFactory.FEATURES, "features.text")), DATA))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("features")
                .hasMessageContaining("expected a tap name with {m}");
        assertThatThrownBy(() -> Parameters.of(factory.parameters(), Map.of(UlgmFactory.DISTANCE, "cosine")))
                .isInstanceOf(ParameterException.class);
        assertThatThrownBy(() -> Parameters.of(factory.parameters(), Map.of(UlgmFactory.CLAMP, 0.0)))
                .isInstanceOf(ParameterException.class);
    }

    @Test
    void itReadsTheFusionAndPerModalityTaps() {
        Ulgm ulgm = fitted(Map.of());
        assertThat(ulgm.taps()).containsExactly("features.fusion", "features.text", "features.audio",
                "prediction.text", "prediction.audio");
    }

    private Ulgm fitted(Map<String, Object> raw) {
        return fitted(raw, new ListSplit(manager, BATCHES.stream().<Function<NDManager, Batch>>map(ids -> m ->
                batch(m, ids)).toList()));
    }

    /** ULGM for text and audio, weights 1 unless {@code raw} says otherwise, fitted on {@code split}. */
    private static Ulgm fitted(Map<String, Object> raw, TrainingSplit split) {
        Map<String, Object> withModalities = new HashMap<>(Map.of("modalities", List.of("text", "audio")));
        withModalities.putAll(raw);
        Ulgm ulgm = (Ulgm) new UlgmFactory().create(parameters(withModalities), DATA);
        ulgm.fit(split);
        return ulgm;
    }

    private static Parameters parameters(Map<String, Object> raw) {
        return Parameters.of(new UlgmFactory().parameters(), raw);
    }

    private double[] labelsAfterEpochTwoBatchOne(Map<String, Object> raw) {
        Ulgm ulgm = fitted(raw);
        runEpoch(ulgm, 1);
        update(ulgm, 2, BATCHES.get(0));
        return labels(ulgm, 0);
    }

    private void runEpoch(Ulgm ulgm, int epoch) {
        BATCHES.forEach(batch -> update(ulgm, epoch, batch));
    }

    /** One training step's update: the batch's features of {@code epoch}, in a step-scoped manager. */
    private void update(Ulgm ulgm, int epoch, List<String> ids) {
        try (NDManager step = manager.newSubManager()) {
            int size = ids.size();
            float[] fusion = new float[size];
            float[] text = new float[2 * size];
            float[] audio = new float[size];
            for (int i = 0; i < size; i++) {
                int sample = IDS.indexOf(ids.get(i));
                float[] row = sample < 0 ? new float[4] : FEATURES[epoch - 1][sample];
                fusion[i] = row[0];
                text[2 * i] = row[1];
                text[2 * i + 1] = row[2];
                audio[i] = row[3];
            }
            Taps taps = new Taps().put("features.fusion", step.create(fusion, new Shape(size, 1)))
                    .put("features.text", step.create(text, new Shape(size, 2)))
                    .put("features.audio", step.create(audio, new Shape(size, 1)));
            ulgm.update(Views.clean(batch(step, ids), taps), epoch);
        }
    }

    /** The loss on {@code ids} with every prediction 0. */
    private float lossOn(Ulgm ulgm, List<String> ids) {
        try (NDManager step = manager.newSubManager()) {
            NDArray zeros = step.zeros(new Shape(ids.size(), 1));
            Taps taps = new Taps().put("prediction.text", zeros).put("prediction.audio", zeros.duplicate());
            return ulgm.loss(Views.clean(batch(step, ids), taps)).getFloat();
        }
    }

    /** A batch of {@code ids} with their multimodal labels (those outside a..f labelled 0.5). */
    private static Batch batch(NDManager manager, List<String> ids) {
        float[] scores = new float[ids.size()];
        for (int i = 0; i < scores.length; i++) {
            int sample = IDS.indexOf(ids.get(i));
            scores[i] = sample < 0 ? 0.5f : LABELS[sample];
        }
        return new Batch(ids, new EnumMap<>(Modality.class), Optional.empty(), manager.create(scores),
                manager.create(scores), manager.zeros(new Shape(ids.size())));
    }

    private static double[] labels(Ulgm ulgm, int modality) {
        return ulgm.memory().generated()[modality];
    }

    private static void assertLabels(Ulgm ulgm, int modality, double... expected) {
        double[] actual = labels(ulgm, modality);
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("modality %d, sample %s", modality, IDS.get(i))
                    .isCloseTo(expected[i], within(EXACT));
        }
    }

    private static void assertCentres(Ulgm ulgm, int memory, double[] positive, double[] negative) {
        FeatureMemory features = ulgm.memory().features().get(memory);
        assertThat(features.positiveCentre()).containsExactly(positive, within(EXACT));
        assertThat(features.negativeCentre()).containsExactly(negative, within(EXACT));
    }
}
