package io.mosaic.encoders.recurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.model.BuildContext;
import io.mosaic.api.model.Encoder;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.model.Taps;
import io.mosaic.encoders.testing.RandomParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GRUs run jointly as one block-diagonal GRU give each GRU's own states and gradients: three GRUs of different
 * lengths, widths and hidden sizes, with random weights and biases, over sequences of different true lengths whose
 * padding is noise.
 */
class JointGruTest {
    private static final int BATCH = 3;
    /** steps, input width, hidden size of each GRU */
    private static final int[][] SHAPES = {{5, 3, 4}, {3, 2, 2}, {7, 4, 3}};
    private static final long[][] LENGTHS = {{5, 2, 0}, {1, 3, 2}, {7, 4, 6}};
    /** No sample runs to its GRU's last step but GRU 1's: the recurrence stops at step 4 of 7. */
    private static final long[][] SHORTER = {{3, 2, 0}, {1, 3, 2}, {4, 1, 2}};

    private final GruFactory factory = new GruFactory();
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

    private Encoder gru(int steps, int width, int hidden, int layers, long seed) {
        Encoder gru = factory.create(Parameters.of(factory.parameters(), Map.of("hidden", hidden, "layers", layers)),
                FeatureShape.sequence(steps, width), context);
        RandomParameters.uniform(gru, new Random(seed));
        return gru;
    }

    private List<Encoder> grus() {
        List<Encoder> grus = new ArrayList<>();
        for (int i = 0; i < SHAPES.length; i++) {
            grus.add(gru(SHAPES[i][0], SHAPES[i][1], SHAPES[i][2], 1, 10 + i));
        }
        return grus;
    }

    /** Random values everywhere, padding included (noise the GRUs must not read). */
    private List<Features> inputs(long[][] lengths) {
        Random random = new Random(7);
        List<Features> inputs = new ArrayList<>();
        for (int i = 0; i < SHAPES.length; i++) {
            float[] values = new float[BATCH * SHAPES[i][0] * SHAPES[i][1]];
            for (int j = 0; j < values.length; j++) {
                values[j] = (float) random.nextGaussian() * 3;
            }
            inputs.add(Features.sequence(manager.create(values, new Shape(BATCH, SHAPES[i][0], SHAPES[i][1])),
                    manager.create(lengths[i])));
        }
        return inputs;
    }

    /** Each GRU alone over every padded step of its input (DJL's GRU block), its padded steps then zeroed. */
    private static List<Features> alone(List<Encoder> grus, List<Features> inputs, boolean training) {
        ParameterStore store = new ParameterStore(inputs.get(0).values().getManager(), false);
        List<Features> outputs = new ArrayList<>();
        for (int i = 0; i < grus.size(); i++) {
            Features input = inputs.get(i);
            outputs.add(input.withValuesPaddingZeroed(((GruEncoder) grus.get(i)).everyStep(store, input.values(),
                    training)));
        }
        return outputs;
    }

    private static List<Features> jointly(List<Encoder> grus, List<Features> inputs, boolean training) {
        ParameterStore store = new ParameterStore(inputs.get(0).values().getManager(), false);
        return grus.get(0).forwardJointly(store, grus, inputs, training);
    }

    @Test
    void oneLayerGrusOfOneWidthAndLengthsWithinAPowerOfTwoShareAJointKeyAndStackedOnesRunAlone() {
        Object audio = gru(375, 5, 16, 1, 1).jointKey();
        assertThat(gru(500, 20, 16, 1, 1).jointKey()).isEqualTo(audio);
        assertThat(gru(50, 32, 16, 1, 1).jointKey()).as("50 steps beside 375").isNotEqualTo(audio);
        assertThat(gru(375, 5, 32, 1, 1).jointKey()).as("another width").isNotEqualTo(audio);
        assertThat(gru(375, 5, 16, 2, 1).jointKey()).as("stacked").isNull();
    }

    @Test
    void eachGruGetsTheStatesItComputesAloneWithPaddedStepsExactlyZero() {
        assertEachGruGetsItsOwnStates(LENGTHS);
    }

    /** The steps after the batch's longest sequence are not run, and are zero as padding is. */
    @Test
    void theRecurrenceStopsAtTheBatchsLongestSequence() {
        assertEachGruGetsItsOwnStates(SHORTER);
    }

    /**
     * A GRU alone runs DJL's block over every padded step, whether or not its batch's sequences end early, and hands
     * over its states with the padding zeroed and marked so.
     */
    @Test
    void aGruAloneGetsTheStatesOfEveryPaddedStep() {
        List<Encoder> grus = grus();
        for (long[][] lengths : new long[][][] {LENGTHS, SHORTER}) {
            List<Features> inputs = inputs(lengths);
            List<Features> expected = alone(grus, inputs, false);
            ParameterStore store = new ParameterStore(manager, false);
            for (int i = 0; i < grus.size(); i++) {
                Features found = grus.get(i).forward(store, inputs.get(i), new Taps(), false);
                assertThat(found.paddingZero()).isTrue();
                assertThat(found.values().toFloatArray())
                        .containsExactly(expected.get(i).values().toFloatArray(), within(1e-6f));
            }
        }
    }

    private void assertEachGruGetsItsOwnStates(long[][] lengths) {
        List<Encoder> grus = grus();
        List<Features> inputs = inputs(lengths);

        List<Features> expected = alone(grus, inputs, false);
        List<Features> found = jointly(grus, inputs, false);

        for (int i = 0; i < grus.size(); i++) {
            assertThat(found.get(i).values().getShape()).isEqualTo(new Shape(BATCH, SHAPES[i][0], SHAPES[i][2]));
            assertThat(found.get(i).lengths().toLongArray()).containsExactly(lengths[i]);
            assertThat(found.get(i).paddingZero()).isTrue();
            assertThat(found.get(i).values().toFloatArray())
                    .containsExactly(expected.get(i).values().toFloatArray(), within(1e-6f));
            float[] values = found.get(i).values().toFloatArray();
            for (int b = 0; b < BATCH; b++) {
                for (long t = lengths[i][b]; t < SHAPES[i][0]; t++) {
                    for (int h = 0; h < SHAPES[i][2]; h++) {
                        assertThat(values[(int) ((b * SHAPES[i][0] + t) * SHAPES[i][2] + h)])
                                .as("GRU %d, sample %d, padded step %d", i, b, t).isEqualTo(0f);
                    }
                }
            }
        }
    }

    @Test
    void theGradientsReachEachGrusOwnWeightsAsWhenItRunsAlone() {
        assertTheGradientsAreEachGrusOwn(LENGTHS);
    }

    @Test
    void theGradientsOfARecurrenceStoppedAtTheLongestSequenceAreThoseOfEveryStep() {
        assertTheGradientsAreEachGrusOwn(SHORTER);
    }

    private void assertTheGradientsAreEachGrusOwn(long[][] lengths) {
        List<Features> inputs = inputs(lengths);
        // a loss that weighs every state differently, so that every weight's gradient is checked
        Random random = new Random(9);
        List<NDArray> weighting = new ArrayList<>();
        for (int[] shape : SHAPES) {
            float[] values = new float[BATCH * shape[0] * shape[2]];
            for (int j = 0; j < values.length; j++) {
                values[j] = random.nextFloat() * 2 - 1;
            }
            weighting.add(manager.create(values, new Shape(BATCH, shape[0], shape[2])));
        }
        Function<List<Features>, NDArray> loss = outputs -> {
            NDArray total = null;
            for (int i = 0; i < outputs.size(); i++) {
                NDArray term = outputs.get(i).values().mul(weighting.get(i)).sum();
                total = total == null ? term : total.add(term);
            }
            return total;
        };

        // two sets of the same GRUs, so that neither backward adds to the other's gradients
        List<Encoder> separate = grus();
        List<Encoder> joint = grus();
        List<float[]> expected = gradients(separate, () -> loss.apply(alone(separate, inputs, true)));
        List<float[]> found = gradients(joint, () -> loss.apply(jointly(joint, inputs, true)));

        assertThat(found).hasSize(12);
        for (int p = 0; p < found.size(); p++) {
            float largest = 0;
            for (float g : expected.get(p)) {
                largest = Math.max(largest, Math.abs(g));
            }
            assertThat(largest).as("parameter %d has a gradient", p).isGreaterThan(1e-3f);
            assertThat(found.get(p)).as("parameter %d", p).containsExactly(expected.get(p), within(1e-5f));
        }
    }

    @Test
    void theSameGruInTwoPlacesRunsAsTwoCopiesOfItself() {
        Encoder shared = gru(5, 3, 4, 1, 4);
        List<Features> inputs = inputs(LENGTHS).subList(0, 1);
        List<Features> twice = List.of(inputs.get(0), inputs.get(0).withValues(inputs.get(0).values().neg()));

        List<Features> expected = alone(List.of(shared, shared), twice, false);
        List<Features> found = jointly(List.of(shared, shared), twice, false);

        for (int i = 0; i < 2; i++) {
            assertThat(found.get(i).values().toFloatArray())
                    .containsExactly(expected.get(i).values().toFloatArray(), within(1e-6f));
        }
    }

    /** Every parameter's gradient of {@code loss}, in the order of the GRUs and of their parameters. */
    private static List<float[]> gradients(List<Encoder> grus, Supplier<NDArray> loss) {
        for (Encoder gru : grus) {
            gru.getParameters().values().forEach(parameter -> parameter.getArray().setRequiresGradient(true));
        }
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(loss.get());
        }
        List<float[]> gradients = new ArrayList<>();
        for (Encoder gru : grus) {
            for (Parameter parameter : gru.getParameters().values()) {
                gradients.add(parameter.getArray().getGradient().toFloatArray());
            }
        }
        return gradients;
    }
}
