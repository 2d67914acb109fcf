package io.mosaic.runtime.protocols;

import io.mosaic.api.data.Modality;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.api.protocol.SampleLayout;
import io.mosaic.api.protocol.SampleMask;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * STMFM, structural temporal modality feature missing ({@code reference/cider.md} §2.6), for word-aligned data: one
 * contiguous block of the text's removable positions, removed from every touched modality.
 *
 * <p>With n removable text positions (len − 2 with [CLS] and [SEP]) starting at {@code first} (1 with them), the
 * block has b = round(n · r) positions and starts at s = first + ⌊u · (n − b + 1)⌋ for one u ~ U[0, 1) per sample:
 * a uniform integer in [first, first + n − b], which with special tokens is the reference's randint(1, len − b),
 * high end exclusive. Drawing u rather than s nests the blocks across rates: as b grows by one, s stays or moves
 * back by one and s + b stays or moves on by one, so a longer block covers every shorter one of the same sample.
 */
final class BlockTemporalMissing implements MissingProtocol {
    private final EnumSet<Modality> modalities;

    BlockTemporalMissing(Set<Modality> modalities) {
        this.modalities = EnumSet.copyOf(modalities);
    }

    @Override
    public SampleMask mask(SampleLayout sample, double rate, SplittableRandom random) {
        MaskDraws.checkRate(rate);
        SampleMask mask = new SampleMask(sample);
        int first = sample.specialTokens() ? 1 : 0;
        int removable = Math.max(0, sample.length(Modality.TEXT) - 2 * first);
        if (removable == 0) {
            return mask;
        }
        double u = random.nextDouble();
        int block = blockLength(removable, rate);
        int start = first + (int) (u * (removable - block + 1));
        for (int t = start; t < start + block; t++) {
            for (Modality modality : modalities) {
                mask.remove(modality, t);
            }
        }
        return mask;
    }

    /**
     * b = round(n · r) with NumPy's rounding, half to even ({@link Math#rint}), on the same double product as the
     * reference, so that b matches it exactly (round(2.5) = 2, where {@link Math#round} would give 3).
     */
    static int blockLength(int removable, double rate) {
        return (int) Math.rint(removable * rate);
    }
}
