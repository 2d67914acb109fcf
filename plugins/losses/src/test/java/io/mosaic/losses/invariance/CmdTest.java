package io.mosaic.losses.invariance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mosaic.api.component.ParameterException;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.Task;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.objective.Objective;
import io.mosaic.losses.testing.CodeTapsFixture;
import io.mosaic.losses.testing.GradientCheck;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SATI's eq. 2 with MISA's CMD (brief §4) on time-means over valid steps. */
class CmdTest {
    private static final DataSpec DATA = new DataSpec(Map.of(Modality.TEXT, FeatureShape.sequence(3, 2),
            Modality.AUDIO, FeatureShape.sequence(3, 2), Modality.VISION, FeatureShape.sequence(3, 2)), 0,
            Task.REGRESSION);
    /** Two samples, one step, two features: the time-means are the rows themselves. */
    private static final float[] X = {1, 0, 3, 2};
    private static final float[] Y = {0, 0, 0, 2};

    private final CmdFactory factory = new CmdFactory();
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private Objective cmd(Map<String, Object> raw) {
        return factory.create(Parameters.of(factory.parameters(), raw), DATA);
    }

    private float textAudio(int moments, float[] text, float[] audio) {
        CodeTapsFixture taps = new CodeTapsFixture(manager)
                .sequence("text.shared", 1, 2, text, 1, 1)
                .sequence("audio.shared", 1, 2, audio, 1, 1);
        return cmd(Map.of("moments", moments, "modalities", List.of("text", "audio"))).loss(taps.views()).getFloat();
    }

    @Test
    void isTheClosedFormOnSmallVectors() {
        // x = (1,0),(3,2): E = (2,1), centred ±(1,1): C2 = (1,1), C3 = 0, C4 = (1,1), C5 = 0
        // y = (0,0),(0,2): E = (0,1), centred ±(0,1): C2 = (0,1), C3 = 0, C4 = (0,1), C5 = 0
        // CMD = ‖(2,0)‖ + ‖(1,0)‖ + 0 + ‖(1,0)‖ + 0
        assertThat(textAudio(5, X, Y)).isCloseTo(4, within(1e-6f));
        assertThat(textAudio(2, X, Y)).isCloseTo(3, within(1e-6f));
        assertThat(textAudio(3, X, Y)).isCloseTo(3, within(1e-6f));
    }

    @Test
    void withOneMomentIsTheDistanceBetweenTheBatchMeans() {
        Random random = new Random(3);
        float[] text = new float[4 * 3];
        float[] audio = new float[4 * 3];
        for (int i = 0; i < text.length; i++) {
            text[i] = (float) random.nextGaussian();
            audio[i] = (float) random.nextGaussian();
        }
        CodeTapsFixture taps = new CodeTapsFixture(manager)
                .sequence("text.shared", 1, 3, text, 1, 1, 1, 1)
                .sequence("audio.shared", 1, 3, audio, 1, 1, 1, 1);
        double squared = 0;
        for (int h = 0; h < 3; h++) {
            double difference = 0;
            for (int b = 0; b < 4; b++) {
                difference += (text[b * 3 + h] - audio[b * 3 + h]) / 4.0;
            }
            squared += difference * difference;
        }

        float loss = cmd(Map.of("moments", 1, "modalities", List.of("text", "audio"))).loss(taps.views()).getFloat();

        assertThat(loss).isCloseTo((float) Math.sqrt(squared), within(1e-5f));
    }

    @Test
    void averagesTheThreePairs() {
        // CMD(t, a) = 4 (above), CMD(t, v) = 0 for v = t, CMD(a, v) = 4: (4 + 0 + 4) / 3
        CodeTapsFixture taps = new CodeTapsFixture(manager)
                .sequence("text.shared", 1, 2, X, 1, 1)
                .sequence("audio.shared", 1, 2, Y, 1, 1)
                .sequence("vision.shared", 1, 2, X, 1, 1);

        assertThat(cmd(Map.of()).loss(taps.views()).getFloat()).isCloseTo(8f / 3, within(1e-6f));
    }

    @Test
    void averagesOverValidStepsSoPaddingChangesNothing() {
        // text: sample 0 has steps (0,0) and (2,0): mean (1,0); sample 1 has (3,2) and then padding: X again.
        // audio: sample 0 has (0,0) and padding, sample 1 has (0,1) and (0,3): mean (0,2): Y again.
        float nan = Float.NaN;
        CodeTapsFixture taps = new CodeTapsFixture(manager)
                .sequence("text.shared", 3, 2, new float[] {0, 0, 2, 0, 50, -7, 3, 2, nan, nan, 1e30f, 9}, 2, 1)
                .sequence("audio.shared", 3, 2, new float[] {0, 0, 8, 8, nan, 1, 0, 1, 0, 3, -4, 4}, 1, 2);

        float loss = cmd(Map.of("modalities", List.of("text", "audio"))).loss(taps.views()).getFloat();

        assertThat(loss).isCloseTo(4, within(1e-6f));
    }

    @Test
    void itsGradientIsTheFiniteDifferenceOne() {
        Random random = new Random(11);
        double[] codes = new double[3 * 4 * 2 * 3];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = random.nextDouble();
        }
        Shape shape = new Shape(3, 4, 2, 3);
        Objective cmd = cmd(Map.of());
        Function<NDArray, NDArray> loss = all -> {
            CodeTapsFixture taps = new CodeTapsFixture(all.getManager());
            String[] names = {"text.shared", "audio.shared", "vision.shared"};
            for (int m = 0; m < 3; m++) {
                taps.sequence(names[m], all.get(m), 2, 1, 2, 1);
            }
            return cmd.loss(taps.views());
        };

        double[] autograd = GradientCheck.autograd(manager, loss, codes, shape);
        double[] numeric = GradientCheck.finiteDifferences(manager, loss, codes, shape, 1e-6);

        assertThat(autograd).containsExactly(numeric, within(1e-6));
        // the padded steps (t = 1 of samples 1 and 3) get no gradient
        for (int m = 0; m < 3; m++) {
            for (int h = 0; h < 3; h++) {
                assertThat(autograd[((m * 4 + 1) * 2 + 1) * 3 + h]).isZero();
                assertThat(autograd[((m * 4 + 3) * 2 + 1) * 3 + h]).isZero();
            }
        }
    }

    @Test
    void identicalCodesHaveAFiniteZeroGradient() {
        double[] same = {0.2, 0.7, 0.4, 0.1};
        double[] codes = new double[12];
        for (int m = 0; m < 3; m++) {
            System.arraycopy(same, 0, codes, m * 4, 4);
        }
        Objective cmd = cmd(Map.of());
        double[] gradient = GradientCheck.autograd(manager, all -> {
            CodeTapsFixture taps = new CodeTapsFixture(all.getManager());
            String[] names = {"text.shared", "audio.shared", "vision.shared"};
            for (int m = 0; m < 3; m++) {
                taps.sequence(names[m], all.get(m), 1, 1);
            }
            return cmd.loss(taps.views());
        }, codes, new Shape(3, 2, 1, 2));

        assertThat(gradient).containsOnly(0.0);
    }

    @Test
    void readsTheCodesNamedByItsParameters() {
        assertThat(cmd(Map.of()).taps()).containsExactly("text.shared", "audio.shared", "vision.shared");
        assertThat(cmd(Map.of("codes", "pooled", "modalities", List.of("vision", "text"))).taps())
                .isEqualTo(Set.of("vision.pooled", "text.pooled"));
    }

    @Test
    void rejectsFewerThanTwoModalitiesAndOnesTheDataLacks() {
        assertThatThrownBy(() -> cmd(Map.of("modalities", List.of("text"))))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("parameter 'modalities': names 1 modalities, expected at least 2");
        Map<Modality, FeatureShape> textAudio = new HashMap<>(DATA.inputs());
        textAudio.remove(Modality.VISION);
        DataSpec data = new DataSpec(textAudio, 0, Task.REGRESSION);
        assertThatThrownBy(() -> factory.create(Parameters.defaults(factory.parameters()), data))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("names vision, but the data has only text, audio");
    }

    @Test
    void namesTheMissingTap() {
        CodeTapsFixture taps = new CodeTapsFixture(manager).sequence("text.shared", 1, 2, X, 1, 1);

        assertThatThrownBy(() -> cmd(Map.of("modalities", List.of("text", "audio"))).loss(taps.views()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cmd reads tap 'audio.shared': no tap 'audio.shared'");
    }
}
