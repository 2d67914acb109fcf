package io.mosaic.losses.reconstruction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.Task;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.losses.testing.CodeTapsFixture;
import io.mosaic.losses.testing.DataContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official SATI code's reconstruction term (brief §3), with padding ignored. */
class CodeReconstructionTest {
    private static final DataSpec DATA = new DataSpec(Map.of(Modality.TEXT, FeatureShape.sequence(3, 2),
            Modality.AUDIO, FeatureShape.sequence(3, 2), Modality.VISION, FeatureShape.sequence(3, 2)), 0,
            Task.REGRESSION);
    private static final float NAN = Float.NaN;

    private final CodeReconstructionFactory factory = new CodeReconstructionFactory();
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private CodeReconstruction build(Map<String, Object> raw) {
        return (CodeReconstruction) factory.create(Parameters.of(factory.parameters(), raw), DATA,
                new DataContext(manager, DATA));
    }

    /** Width 2; every decoder is the identity, text's with bias (0.5, −1), audio's without. */
    private CodeReconstruction textAndAudio() {
        CodeReconstruction reconstruction = build(Map.of("width", 2, "modalities", List.of("text", "audio")));
        set(reconstruction, "decoder-text_weight", 1, 0, 0, 1);
        set(reconstruction, "decoder-text_bias", 0.5f, -1);
        set(reconstruction, "decoder-audio_weight", 1, 0, 0, 1);
        set(reconstruction, "decoder-audio_bias", 0, 0);
        return reconstruction;
    }

    private static void set(CodeReconstruction reconstruction, String suffix, float... values) {
        Parameter parameter = reconstruction.getParameters().stream().filter(pair -> pair.getKey().endsWith(suffix))
                .map(pair -> pair.getValue()).findFirst().orElseThrow();
        parameter.getArray().set(values);
    }

    /**
     * text: private (1,0), (3,2) and shared (1,2), (1,0) over 2 valid steps of 3: mean of the sums (3, 2), decoded
     * (3.5, 1); target (3,1), (4,3): squared errors 0.25, 0, 0.25, 4 over 4 values: 1.125.
     * audio: one step of zeros decoded to (0, 0) against (1, 1): 1. The mean of the two: 1.0625.
     */
    private float loss(float padding) {
        CodeTapsFixture taps = new CodeTapsFixture(manager)
                .sequence("text.private", 3, 2, new float[] {1, 0, 3, 2, padding, padding}, 2)
                .sequence("text.shared", 3, 2, new float[] {1, 2, 1, 0, padding, -padding}, 2)
                .sequence("text.projected", 3, 2, new float[] {3, 1, 4, 3, padding, 7}, 2)
                .sequence("audio.private", 1, 2, new float[] {0, 0}, 1)
                .sequence("audio.shared", 1, 2, new float[] {0, 0}, 1)
                .sequence("audio.projected", 1, 2, new float[] {1, 1}, 1);
        return textAndAudio().loss(taps.views()).getFloat();
    }

    @Test
    void isTheMeanSquaredErrorOfTheDecodedTimeMeanAgainstEveryValidStep() {
        assertThat(loss(0)).isCloseTo(1.0625f, within(1e-6f));
    }

    @Test
    void paddingChangesNothing() {
        assertThat(loss(NAN)).isEqualTo(loss(0));
        assertThat(loss(1e6f)).isEqualTo(loss(0));
    }

    @Test
    void hasALinearDecoderPerModality() {
        CodeReconstruction small = build(Map.of("width", 2, "modalities", List.of("text", "audio")));
        assertThat(size(small)).isEqualTo(2 * (2 * 2 + 2));
        // SATI: three modalities, H = 128
        assertThat(size(build(Map.of()))).isEqualTo(3 * (128 * 128 + 128));
    }

    private static long size(CodeReconstruction reconstruction) {
        return reconstruction.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    @Test
    void readsThePrivateSharedAndTargetTapsOfEachModality() {
        assertThat(build(Map.of("modalities", List.of("vision"))).taps())
                .containsExactly("vision.private", "vision.shared", "vision.projected");
        assertThat(build(Map.of("modalities", List.of("text"), "private", "specific", "shared", "invariant",
                "target", "encoded")).taps()).containsExactly("text.specific", "text.invariant", "text.encoded");
    }

    @Test
    void namesTapsOfDifferentShapes() {
        CodeTapsFixture taps = new CodeTapsFixture(manager)
                .sequence("text.private", 2, 2, new float[] {1, 0, 3, 2}, 2)
                .sequence("text.shared", 2, 2, new float[] {1, 2, 1, 0}, 2)
                .sequence("text.projected", 1, 2, new float[] {3, 1}, 1);

        assertThatThrownBy(() -> build(Map.of("width", 2, "modalities", List.of("text"))).loss(taps.views()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("code-reconstruction reads taps 'text.private', 'text.shared' and 'text.projected' as "
                        + "sequences of one shape, found (1, 2, 2), (1, 2, 2) and (1, 1, 2)");
    }
}
