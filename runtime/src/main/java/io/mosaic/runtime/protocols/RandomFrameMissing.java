package io.mosaic.runtime.protocols;

import io.mosaic.api.data.Modality;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.api.protocol.SampleLayout;
import io.mosaic.api.protocol.SampleMask;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * RMFM, random modality feature missing ({@code reference/cider.md} §2.1): every removable position of every touched
 * modality is removed independently with probability r, one rate for all of them.
 */
final class RandomFrameMissing implements MissingProtocol {
    private final EnumSet<Modality> modalities;
    private final boolean perPosition;

    /**
     * @param perPosition train with the reference code's corruption instead of a rate per sample: each position
     *                    draws its own threshold r ~ U[0, 1) and is kept iff u &gt; r, which removes it with
     *                    probability 1/2
     */
    RandomFrameMissing(Set<Modality> modalities, boolean perPosition) {
        this.modalities = EnumSet.copyOf(modalities);
        this.perPosition = perPosition;
    }

    @Override
    public SampleMask mask(SampleLayout sample, double rate, SplittableRandom random) {
        MaskDraws.checkRate(rate);
        SampleMask mask = new SampleMask(sample);
        for (Modality modality : modalities) {
            MaskDraws.removeEach(mask, modality, rate, random);
        }
        return mask;
    }

    @Override
    public SampleMask trainingMask(SampleLayout sample, SplittableRandom random) {
        if (!perPosition) {
            return MissingProtocol.super.trainingMask(sample, random);
        }
        SampleMask mask = new SampleMask(sample);
        for (Modality modality : modalities) {
            for (int t = 0; t < sample.length(modality); t++) {
                if (sample.removable(modality, t) && MaskDraws.occurs(random.nextDouble(), random)) {
                    mask.remove(modality, t);
                }
            }
        }
        return mask;
    }
}
