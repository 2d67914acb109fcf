package io.mosaic.runtime.protocols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.mosaic.api.data.Batch;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.Features;
import io.mosaic.api.protocol.SampleLayout;
import io.mosaic.api.protocol.SampleMask;
import io.mosaic.api.protocol.SampleNoise;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Applying masks to a batch of two samples: text 4 steps × 2 features with token ids (lengths 4 and 3), audio 3 × 1
 * (lengths 3 and 2), vision 2 × 2 (lengths 2 and 1). Frame values count up from 1, so a zero is a removed frame.
 */
class MaskApplierTest {

    @Test
    void layoutsFollowTheBatchsLengths() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<SampleLayout> layouts = MaskApplier.layouts(batch(manager, true));

            Map<Modality, Integer> steps = Map.of(Modality.TEXT, 4, Modality.AUDIO, 3, Modality.VISION, 2);
            assertThat(layouts).containsExactly(
                    new SampleLayout(steps, Map.of(Modality.TEXT, 4, Modality.AUDIO, 3, Modality.VISION, 2), true),
                    new SampleLayout(steps, Map.of(Modality.TEXT, 3, Modality.AUDIO, 2, Modality.VISION, 1), true));
            assertThat(MaskApplier.layouts(batch(manager, false))).allSatisfy(layout ->
                    assertThat(layout.specialTokens()).isFalse());
        }
    }

    @Test
    void removedTokensBecomeUnknownAndRemovedFramesZero() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Batch batch = batch(manager, true);
            List<SampleLayout> layouts = MaskApplier.layouts(batch);
            SampleMask first = new SampleMask(layouts.get(0));
            first.remove(Modality.TEXT, 1);
            first.remove(Modality.TEXT, 2);
            first.remove(Modality.AUDIO, 0);
            SampleMask second = new SampleMask(layouts.get(1));
            second.remove(Modality.TEXT, 1);
            second.remove(Modality.AUDIO, 1);
            second.remove(Modality.VISION, 0);

            try (NDManager scope = manager.newSubManager()) {
                CorruptedBatch corrupted = MaskApplier.apply(batch, List.of(first, second), scope);
                Batch out = corrupted.batch();

                NDArray ids = out.tokenIds().orElseThrow();
                assertThat(ids.getDataType()).isEqualTo(DataType.INT64);
                assertThat(ids.toLongArray()).containsExactly(101, 100, 100, 102, 101, 100, 102, 0);
                assertThat(out.input(Modality.TEXT).values().toFloatArray()).containsExactly(
                        1, 2, 0, 0, 0, 0, 7, 8,
                        9, 10, 0, 0, 13, 14, 15, 16);
                assertThat(out.input(Modality.AUDIO).values().toFloatArray()).containsExactly(0, 2, 3, 4, 0, 6);
                assertThat(out.input(Modality.VISION).values().toFloatArray()).containsExactly(1, 2, 3, 4,
                        0, 0, 7, 8);
                assertThat(corrupted.removed(Modality.TEXT).toFloatArray()).containsExactly(0, 1, 1, 0, 0, 1, 0, 0);
                assertThat(corrupted.removed(Modality.AUDIO).toFloatArray()).containsExactly(1, 0, 0, 0, 1, 0);
                assertThat(corrupted.removed(Modality.VISION).toFloatArray()).containsExactly(0, 0, 1, 0);
                assertThat(corrupted.removed(Modality.VISION).getShape()).isEqualTo(new Shape(2, 2));
                assertThat(corrupted.removed(Modality.VISION).getDataType()).isEqualTo(DataType.FLOAT32);

                assertThat(out.input(Modality.TEXT).values().getManager()).isSameAs(scope);
                assertThat(ids.getManager()).isSameAs(scope);
                assertThat(out.input(Modality.AUDIO).lengths()).isSameAs(batch.input(Modality.AUDIO).lengths());
                assertThat(out.ids()).isEqualTo(batch.ids());
                assertThat(out.scores()).isSameAs(batch.scores());
                assertThat(out.labels()).isSameAs(batch.labels());
                assertThat(out.domains()).isSameAs(batch.domains());
            }
            assertThat(batch.input(Modality.TEXT).values().toFloatArray()[2]).isEqualTo(3f);
        }
    }

    @Test
    void emptyMasksLeaveTheBatchAsItWas() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Batch batch = batch(manager, true);
            List<SampleMask> masks = MaskApplier.layouts(batch).stream().map(SampleMask::new).toList();

            CorruptedBatch corrupted = MaskApplier.apply(batch, masks, manager);

            assertThat(corrupted.batch().tokenIds().orElseThrow().toLongArray())
                    .containsExactly(batch.tokenIds().orElseThrow().toLongArray());
            for (Modality modality : Modality.values()) {
                assertThat(corrupted.batch().input(modality).values().toFloatArray())
                        .containsExactly(batch.input(modality).values().toFloatArray());
                assertThat(corrupted.removed(modality).sum().getFloat()).isZero();
            }
        }
    }

    @Test
    void noiseIsAddedToTheKeptValidFramesAndTokenIdsStay() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Batch batch = batch(manager, true);
            List<SampleLayout> layouts = MaskApplier.layouts(batch);
            List<SampleMask> masks = layouts.stream().map(SampleMask::new).toList();
            masks.get(1).remove(Modality.VISION, 0);
            SampleNoise first = new SampleNoise(layouts.get(0));
            first.add(Modality.VISION, 0, new float[] {0.5f, -0.5f});
            first.add(Modality.VISION, 1, new float[] {0.25f, 0.75f});
            first.add(Modality.TEXT, 3, new float[] {10f, 20f});
            SampleNoise second = new SampleNoise(layouts.get(1));
            second.add(Modality.VISION, 0, new float[] {100f, 100f});
            second.add(Modality.VISION, 1, new float[] {100f, 100f});

            CorruptedBatch corrupted = MaskApplier.apply(batch, masks, List.of(first, second), manager);
            Batch out = corrupted.batch();

            // Vision sample 2 has length 1: its padding refuses noise, and its removed frame stays zero.
            assertThat(out.input(Modality.VISION).values().toFloatArray()).containsExactly(1.5f, 1.5f, 3.25f,
                    4.75f, 0, 0, 7, 8);
            assertThat(out.input(Modality.TEXT).values().toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6, 17, 28,
                    9, 10, 11, 12, 13, 14, 15, 16);
            assertThat(out.input(Modality.AUDIO).values().toFloatArray())
                    .containsExactly(batch.input(Modality.AUDIO).values().toFloatArray());
            assertThat(out.tokenIds().orElseThrow().toLongArray())
                    .containsExactly(batch.tokenIds().orElseThrow().toLongArray());
            assertThat(corrupted.removed(Modality.VISION).toFloatArray()).containsExactly(0, 0, 1, 0);
            assertThat(corrupted.removed(Modality.TEXT).sum().getFloat()).isZero();
        }
    }

    @Test
    void refusesNoiseThatDoesNotFitTheBatch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Batch batch = batch(manager, true);
            List<SampleLayout> layouts = MaskApplier.layouts(batch);
            List<SampleMask> masks = layouts.stream().map(SampleMask::new).toList();
            SampleNoise wide = new SampleNoise(layouts.get(0));
            wide.add(Modality.AUDIO, 0, new float[] {1f, 1f});

            assertThatThrownBy(() -> MaskApplier.apply(batch, masks, List.of(wide), manager))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the batch has 2 samples, but 1 noises were given");
            assertThatThrownBy(() -> MaskApplier.apply(batch, masks, List.of(wide, new SampleNoise(layouts.get(1))),
                    manager))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("noise 0 has 3x2 audio values, the batch has 3x1");
        }
    }

    @Test
    void refusesMasksThatDoNotFitTheBatch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Batch batch = batch(manager, true);
            SampleMask one = new SampleMask(MaskApplier.layouts(batch).get(0));
            SampleMask longer = new SampleMask(new SampleLayout(
                    Map.of(Modality.TEXT, 5, Modality.AUDIO, 3, Modality.VISION, 2),
                    Map.of(Modality.TEXT, 5, Modality.AUDIO, 3, Modality.VISION, 2), true));

            assertThatThrownBy(() -> MaskApplier.apply(batch, List.of(one), manager))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the batch has 2 samples, but 1 masks were given");
            assertThatThrownBy(() -> MaskApplier.apply(batch, List.of(one, longer), manager))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("mask 1 has 5 text positions, the batch has 4");
        }
    }

    private static Batch batch(NDManager manager, boolean withTokenIds) {
        Map<Modality, Features> inputs = Map.of(
                Modality.TEXT, sequence(manager, 4, 2, 4, 3),
                Modality.AUDIO, sequence(manager, 3, 1, 3, 2),
                Modality.VISION, sequence(manager, 2, 2, 2, 1));
        Optional<NDArray> tokenIds = withTokenIds
                ? Optional.of(manager.create(new long[] {101, 7, 8, 102, 101, 9, 102, 0}, new Shape(2, 4)))
                : Optional.empty();
        NDArray scores = manager.create(new float[] {1.5f, -0.5f});
        return new Batch(List.of("a", "b"), inputs, tokenIds, scores, scores, manager.create(new long[] {0, 1}));
    }

    /** Two samples of [steps, dim] frames valued 1, 2, … in row-major order. */
    private static Features sequence(NDManager manager, int steps, int dim, long firstLength, long secondLength) {
        NDArray values = manager.arange(1f, 2 * steps * dim + 1f).reshape(2, steps, dim);
        return Features.sequence(values, manager.create(new long[] {firstLength, secondLength}));
    }
}
