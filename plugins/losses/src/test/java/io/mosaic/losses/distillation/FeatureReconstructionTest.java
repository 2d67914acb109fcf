package io.mosaic.losses.distillation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.mosaic.api.component.ParameterException;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.Task;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Taps;
import io.mosaic.api.objective.Objective;
import io.mosaic.losses.testing.TwoViews;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeatureReconstructionTest {
    private static final DataSpec DATA = new DataSpec(Map.of(Modality.AUDIO, FeatureShape.sequence(3, 2),
            Modality.VISION, FeatureShape.sequence(3, 3)), 0, Task.REGRESSION);
    private static final Map<String, Object> AUDIO_ONLY = Map.of("modalities", List.of("audio"));

    /** Clean audio [1, 3, 2]: the target. */
    private static final float[] AUDIO = {0, 0, 5, 5, 1, 1};
    /** Positions 0 and 2 removed. */
    private static final float[] REMOVED = {1, 0, 1};
    /**
     * Reconstructions: at position 0 the errors (0.5, −1.5) give ½·0.25 + (1.5 − ½) = 1.125, at position 2 the errors
     * (0, 3) give 0 + (3 − ½) = 2.5; position 1 was kept and does not count.
     */
    private static final float[] PREDICTED = {0.5f, -1.5f, 9, 9, 1, 4};
    /** (1.125 + 2.5) / (2 removed positions · 2 features + 1e-6). */
    private static final double EXPECTED = 3.625 / (4 + 1e-6);

    private final FeatureReconstructionFactory factory = new FeatureReconstructionFactory();
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Objective objective(Map<String, Object> raw) {
        return factory.create(Parameters.of(factory.parameters(), raw), DATA);
    }

    private NDArray audio(float[] values) {
        return manager.create(values, new Shape(1, 3, 2));
    }

    private NDArray removed(float[] mask) {
        return manager.create(mask, new Shape(1, mask.length));
    }

    /**
     * The clean view sees {@code clean} audio; the missing view sees it with the removed positions zeroed, as the
     * runtime corrupts it, so reading the student's batch as the target would give another loss.
     */
    private TwoViews views(Map<Modality, NDArray> clean, Taps missingTaps) {
        Map<Modality, NDArray> corrupted = new EnumMap<>(Modality.class);
        clean.forEach((modality, values) -> corrupted.put(modality, values.zerosLike()));
        return new TwoViews(TwoViews.batchOf(clean), new Taps(), TwoViews.batchOf(corrupted), missingTaps);
    }

    private NDArray audioLoss(NDArray predicted, float[] mask) {
        Taps taps = new Taps().put("reconstruction.audio", predicted).put("removed.audio", removed(mask));
        NDArray loss = objective(AUDIO_ONLY).loss(views(Map.of(Modality.AUDIO, audio(AUDIO)), taps));
        assertThat(loss.getShape()).isEqualTo(new Shape());
        return loss;
    }

    @Test
    void isTheSmoothL1ErrorAtTheRemovedPositionsPerRemovedValue() {
        assertThat((double) audioLoss(audio(PREDICTED), REMOVED).getFloat()).isCloseTo(EXPECTED, within(1e-6));
    }

    @Test
    void predictionsAtKeptPositionsChangeNothing() {
        float[] elsewhere = PREDICTED.clone();
        elsewhere[2] = -100;
        elsewhere[3] = 0.25f;

        assertThat(audioLoss(audio(elsewhere), REMOVED).getFloat())
                .isEqualTo(audioLoss(audio(PREDICTED), REMOVED).getFloat());
    }

    @Test
    void dividesByTheNumberOfRemovedValues() {
        // position 0 alone: 1.125 over 1 position · 2 features; nothing removed: 0 over 1e-6
        assertThat((double) audioLoss(audio(PREDICTED), new float[] {1, 0, 0}).getFloat())
                .isCloseTo(1.125 / (2 + 1e-6), within(1e-6));
        assertThat(audioLoss(audio(PREDICTED), new float[] {0, 0, 0}).getFloat()).isZero();
    }

    @Test
    void sumsTheModalitiesEachOverItsOwnWidth() {
        // vision [1, 3, 3], position 1 removed, errors (1, −0.5, 0): (½ + ⅛ + 0) / (1 · 3 + 1e-6)
        NDArray vision = manager.zeros(new Shape(1, 3, 3));
        NDArray visionPredicted = manager.create(new float[] {7, 7, 7, 1, -0.5f, 0, 7, 7, 7}, new Shape(1, 3, 3));
        Taps taps = new Taps()
                .put("reconstruction.audio", audio(PREDICTED)).put("removed.audio", removed(REMOVED))
                .put("reconstruction.vision", visionPredicted).put("removed.vision", removed(new float[] {0, 1, 0}));
        Objective reconstruction = objective(Map.of("modalities", List.of("audio", "vision")));

        NDArray loss = reconstruction.loss(views(Map.of(Modality.AUDIO, audio(AUDIO), Modality.VISION, vision), taps));
        assertThat((double) loss.getFloat()).isCloseTo(EXPECTED + 0.625 / (3 + 1e-6), within(1e-6));
    }

    @Test
    void gradientIsTheClippedErrorAtRemovedPositionsOnly() {
        Engine.getInstance().setRandomSeed(7);
        NDArray predicted = audio(PREDICTED);
        predicted.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(audioLoss(predicted, REMOVED));

            // ∂SmoothL1/∂d = clamp(d, −1, 1), over 4 removed values
            float count = 4 + 1e-6f;
            assertThat(predicted.getGradient().toFloatArray())
                    .containsExactly(new float[] {0.5f / count, -1 / count, 0, 0, 0, 1 / count}, within(1e-6f));
        }
    }

    @Test
    void readsThePredictionsAndRemovedPositionsOfEachModality() {
        DataSpec everyModality = new DataSpec(Map.of(Modality.TEXT, FeatureShape.sequence(3, 4),
                Modality.AUDIO, FeatureShape.sequence(3, 2), Modality.VISION, FeatureShape.sequence(3, 3)), 0,
                Task.REGRESSION);
        Objective reconstruction = factory.create(Parameters.of(factory.parameters(),
                Map.of("prediction", "decoder", "teacher", "full", "student", "half")), everyModality);

        assertThat(reconstruction.taps()).containsExactly("decoder.text", "removed.text", "decoder.audio",
                "removed.audio", "decoder.vision", "removed.vision");
        assertThat(reconstruction.views()).isEqualTo(Set.of("full", "half"));
    }

    @Test
    void aStudentViewWithoutRemovedPositionsIsNamedInTheError() {
        Taps taps = new Taps().put("reconstruction.audio", audio(PREDICTED));
        TwoViews views = views(Map.of(Modality.AUDIO, audio(AUDIO)), taps);

        assertThatThrownBy(() -> objective(AUDIO_ONLY).loss(views))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature-reconstruction reads tap 'removed.audio' of view 'missing', which "
                        + "did not record it")
                .hasMessageContaining("only a view corrupted by a missing-modality protocol");
    }

    @Test
    void rejectsAReconstructionOfAnotherShape() {
        assertThatThrownBy(() -> audioLoss(manager.zeros(new Shape(1, 3, 4)), REMOVED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reads tap 'reconstruction.audio' as a reconstruction of the audio input "
                        + "(1, 3, 2), found (1, 3, 4)");
    }

    @Test
    void rejectsModalityListsThatAreEmptyRepeatedOrAbsentFromTheData() {
        assertThatThrownBy(() -> objective(Map.of("modalities", List.of())))
                .isInstanceOfSatisfying(ParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("modalities"))
                .hasMessageContaining("names no modality");
        assertThatThrownBy(() -> objective(Map.of("modalities", List.of("audio", "audio"))))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("names audio twice");
        assertThatThrownBy(() -> objective(Map.of()))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("names text, but the data has only audio, vision");
    }
}
