package io.mosaic.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.DataSpec;
import io.mosaic.api.data.Modality;
import io.mosaic.api.data.Task;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.api.model.Features;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.runtime.protocols.GaussianNoiseFactory;
import io.mosaic.runtime.protocols.RmfmFactory;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A sweep's masks: one stream per (seed, sweep, sample), thresholded at each rate. */
class CorruptionTest {
    private static final int STEPS = 40;
    private static final DataSpec DATA = new DataSpec(Map.of(Modality.AUDIO, FeatureShape.sequence(STEPS, 1),
            Modality.VISION, FeatureShape.sequence(STEPS, 1)), 0, Task.REGRESSION);
    private static final MissingProtocol RMFM = new RmfmFactory().create(
            Parameters.of(new RmfmFactory().parameters(), Map.of("modalities", List.of("audio", "vision"))), DATA);

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private static Corruption sweepAt(double rate) {
        return new Corruption(RMFM, "sweep:rmfm", OptionalDouble.of(rate), 1111);
    }

    /** The removed audio and vision positions of each sample of the batch {@code indices}, [sample][modality·T]. */
    private float[][] removed(Corruption corruption, int... indices) {
        Map<Modality, Features> inputs = new EnumMap<>(Modality.class);
        for (Modality modality : DATA.inputs().keySet()) {
            NDArray values = manager.ones(new Shape(indices.length, STEPS, 1));
            long[] lengths = new long[indices.length];
            Arrays.fill(lengths, STEPS);
            inputs.put(modality, Features.sequence(values, manager.create(lengths)));
        }
        NDArray scores = manager.zeros(new Shape(indices.length));
        Batch batch = new Batch(IntStream.of(indices).mapToObj(i -> "s" + i).toList(), inputs, Optional.empty(),
                scores, scores, manager.zeros(new Shape(indices.length)));
        var corrupted = corruption.applyForEvaluation(batch, indices, manager);
        float[] audio = corrupted.removed(Modality.AUDIO).toFloatArray();
        float[] vision = corrupted.removed(Modality.VISION).toFloatArray();
        float[][] bySample = new float[indices.length][2 * STEPS];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(audio, i * STEPS, bySample[i], 0, STEPS);
            System.arraycopy(vision, i * STEPS, bySample[i], STEPS, STEPS);
        }
        return bySample;
    }

    @Test
    void aPositionRemovedAtOneRateIsRemovedAtEveryHigherRate() {
        int[] samples = IntStream.range(0, 8).toArray();
        double[] rates = {0.0, 0.3, 0.6, 1.0};
        List<float[][]> byRate = IntStream.range(0, rates.length).mapToObj(r -> removed(sweepAt(rates[r]), samples))
                .toList();

        for (int i = 0; i < samples.length; i++) {
            assertThat(byRate.get(0)[i]).as("sample %d at r = 0", i).containsOnly(0f);
            assertThat(byRate.get(3)[i]).as("sample %d at r = 1", i).containsOnly(1f);
            for (int r = 1; r < rates.length; r++) {
                for (int p = 0; p < 2 * STEPS; p++) {
                    if (byRate.get(r - 1)[i][p] == 1f) {
                        assertThat(byRate.get(r)[i][p]).as("sample %d position %d at r = %s", i, p, rates[r])
                                .isEqualTo(1f);
                    }
                }
            }
        }
        // 0.3 and 0.6 differ: the nesting is strict somewhere
        assertThat(byRate.get(1)).isNotEqualTo(byRate.get(2));
    }

    @Test
    void aSamplesMaskDependsOnNeitherItsBatchNorItsRowInIt() {
        float[][] whole = removed(sweepAt(0.5), 0, 1, 2, 3, 4, 5);
        float[][] alone = removed(sweepAt(0.5), 4);
        float[][] shuffled = removed(sweepAt(0.5), 5, 4, 0);

        assertThat(alone[0]).isEqualTo(whole[4]);
        assertThat(shuffled[1]).isEqualTo(whole[4]);
        assertThat(shuffled[0]).isEqualTo(whole[5]);
        assertThat(whole[4]).isNotEqualTo(whole[5]);
    }

    private static final MissingProtocol NOISE = new GaussianNoiseFactory().create(
            Parameters.of(new GaussianNoiseFactory().parameters(), Map.of("modalities", List.of("vision"))), DATA);

    /**
     * The audio and vision values after a gaussian-noise sweep at {@code sigma} of samples {@code indices}, whose
     * frames are all 1 and whose true length is {@code length}: [sample][modality·T].
     */
    private float[][] noisy(double sigma, int length, int... indices) {
        Map<Modality, Features> inputs = new EnumMap<>(Modality.class);
        for (Modality modality : DATA.inputs().keySet()) {
            long[] lengths = new long[indices.length];
            Arrays.fill(lengths, length);
            inputs.put(modality, Features.sequence(manager.ones(new Shape(indices.length, STEPS, 1)),
                    manager.create(lengths)));
        }
        NDArray scores = manager.zeros(new Shape(indices.length));
        Batch batch = new Batch(IntStream.of(indices).mapToObj(i -> "s" + i).toList(), inputs, Optional.empty(),
                scores, scores, manager.zeros(new Shape(indices.length)));
        Corruption sweep = new Corruption(NOISE, "sweep:gaussian-noise", OptionalDouble.of(sigma), 1111);
        var corrupted = sweep.applyForEvaluation(batch, indices, manager);
        float[] audio = corrupted.batch().input(Modality.AUDIO).values().toFloatArray();
        float[] vision = corrupted.batch().input(Modality.VISION).values().toFloatArray();
        float[][] bySample = new float[indices.length][2 * STEPS];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(audio, i * STEPS, bySample[i], 0, STEPS);
            System.arraycopy(vision, i * STEPS, bySample[i], STEPS, STEPS);
        }
        return bySample;
    }

    @Test
    void aNoiseSweepMovesEachSampleAlongOneLineAndLeavesPaddingAndOtherModalitiesAlone() {
        int length = 30;
        float[][] unit = noisy(1.0, length, 0, 1, 2);

        for (double sigma : new double[] {0.0, 0.5, 2.0}) {
            float[][] scaled = noisy(sigma, length, 0, 1, 2);
            for (int i = 0; i < 3; i++) {
                for (int t = 0; t < STEPS; t++) {
                    assertThat(scaled[i][t]).as("audio is not listed").isEqualTo(1f);
                    float value = scaled[i][STEPS + t];
                    if (t >= length) {
                        assertThat(value).as("padding").isEqualTo(1f);
                    } else {
                        assertThat((double) value - 1).as("sample %d frame %d at sigma %s", i, t, sigma)
                                .isCloseTo(sigma * (unit[i][STEPS + t] - 1), within(1e-5));
                    }
                }
            }
        }
        assertThat(unit[0][STEPS]).isNotEqualTo(1f);
    }

    @Test
    void aSamplesNoiseDependsOnNeitherItsBatchNorItsRowInIt() {
        float[][] whole = noisy(0.5, STEPS, 0, 1, 2, 3);
        float[][] shuffled = noisy(0.5, STEPS, 3, 1);

        assertThat(shuffled[0]).isEqualTo(whole[3]);
        assertThat(shuffled[1]).isEqualTo(whole[1]);
        assertThat(whole[1]).isNotEqualTo(whole[3]);
    }
}
