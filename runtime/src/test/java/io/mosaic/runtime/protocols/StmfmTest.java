package io.mosaic.runtime.protocols;

import static io.mosaic.runtime.protocols.ProtocolFixtures.ALIGNED;
import static io.mosaic.runtime.protocols.ProtocolFixtures.SAMPLES;
import static io.mosaic.runtime.protocols.ProtocolFixtures.UNALIGNED;
import static io.mosaic.runtime.protocols.ProtocolFixtures.create;
import static io.mosaic.runtime.protocols.ProtocolFixtures.layouts;
import static io.mosaic.runtime.protocols.ProtocolFixtures.masks;
import static io.mosaic.runtime.protocols.ProtocolFixtures.tolerance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mosaic.api.data.Modality;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.api.protocol.SampleLayout;
import io.mosaic.api.protocol.SampleMask;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** STMFM: one contiguous block of round((len − 2)·r) time steps, at a uniform start, from every modality. */
class StmfmTest {
    private static final StmfmFactory FACTORY = new StmfmFactory();

    @Test
    void blockLengthRoundsHalfToEvenLikeNumpy() {
        assertThat(BlockTemporalMissing.blockLength(48, 0.5)).isEqualTo(24);
        assertThat(BlockTemporalMissing.blockLength(5, 0.5)).isEqualTo(2);   // 2.5 → 2 (Math.round: 3)
        assertThat(BlockTemporalMissing.blockLength(3, 0.5)).isEqualTo(2);   // 1.5 → 2
        assertThat(BlockTemporalMissing.blockLength(10, 0.35)).isEqualTo(4); // 10 · 0.35 = 3.5 → 4
        assertThat(BlockTemporalMissing.blockLength(48, 0.1)).isEqualTo(5);  // 4.800000000000001
        assertThat(BlockTemporalMissing.blockLength(48, 0.3)).isEqualTo(14); // 14.399999999999999
        assertThat(BlockTemporalMissing.blockLength(48, 1.0)).isEqualTo(48);
        assertThat(BlockTemporalMissing.blockLength(48, 0.0)).isZero();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.1, 0.35, 0.5, 0.9, 1.0})
    void removesOneBlockOfTheStatedLengthWithinTheRemovablePositions(double rate) {
        MissingProtocol stmfm = create(FACTORY, Map.of(), ALIGNED);
        List<SampleMask> masks = masks(stmfm, layouts(ALIGNED, SAMPLES, 0, 51), rate, 52);

        for (SampleMask mask : masks) {
            int length = mask.layout().length(Modality.TEXT);
            int block = BlockTemporalMissing.blockLength(Math.max(0, length - 2), rate);
            List<Integer> removed = removedPositions(mask, Modality.TEXT);
            assertThat(removed).hasSize(block);
            if (block > 0) {
                int start = removed.get(0);
                assertThat(removed.get(block - 1)).isEqualTo(start + block - 1);
                assertThat(start).isBetween(1, length - block - 1);
            }
            assertThat(removedPositions(mask, Modality.AUDIO)).isEqualTo(removed);
            assertThat(removedPositions(mask, Modality.VISION)).isEqualTo(removed);
        }
    }

    @Test
    void startsUniformlyAmongTheStartsThatFit() {
        MissingProtocol stmfm = create(FACTORY, Map.of(), ALIGNED);
        SampleLayout length10 = layout(10, true);
        // b = round(8 · 0.3) = 2, so s ~ randint(1, 8): seven starts of probability 1/7 each.
        List<SampleMask> masks = masks(stmfm, Collections.nCopies(SAMPLES, length10), 0.3, 53);

        int[] starts = new int[10];
        masks.forEach(mask -> starts[removedPositions(mask, Modality.TEXT).get(0)]++);
        assertThat(starts[0]).isZero();
        assertThat(starts[8]).isZero();
        for (int s = 1; s < 8; s++) {
            assertThat((double) starts[s] / SAMPLES).as("start %d", s)
                    .isCloseTo(1.0 / 7, within(tolerance(1.0 / 7, SAMPLES)));
        }
    }

    @Test
    void removesEveryPositionWithoutSpecialTokens() {
        MissingProtocol stmfm = create(FACTORY, Map.of(), ALIGNED);
        // Without [CLS]/[SEP], b = round(6 · 0.5) = 3 of positions 0..5, starting anywhere in 0..3.
        List<SampleMask> masks = masks(stmfm, Collections.nCopies(400, layout(6, false)), 0.5, 54);

        List<Integer> firstStarts = masks.stream()
                .map(mask -> removedPositions(mask, Modality.TEXT))
                .peek(removed -> assertThat(removed).hasSize(3))
                .map(removed -> removed.get(0)).distinct().sorted().toList();
        assertThat(firstStarts).containsExactly(0, 1, 2, 3);
    }

    @Test
    void refusesUnalignedData() {
        assertThatThrownBy(() -> create(FACTORY, Map.of(), UNALIGNED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("stmfm needs word-aligned data such as MMSA's aligned_50 files");
    }

    private static SampleLayout layout(int length, boolean specialTokens) {
        Map<Modality, Integer> steps = Map.of(Modality.TEXT, 50, Modality.AUDIO, 50, Modality.VISION, 50);
        Map<Modality, Integer> lengths = Map.of(Modality.TEXT, length, Modality.AUDIO, length, Modality.VISION,
                length);
        return new SampleLayout(steps, lengths, specialTokens);
    }

    private static List<Integer> removedPositions(SampleMask mask, Modality modality) {
        List<Integer> positions = new ArrayList<>();
        for (int t = 0; t < mask.layout().steps(modality); t++) {
            if (mask.removed(modality, t)) {
                positions.add(t);
            }
        }
        return positions;
    }
}
