package io.mosaic.runtime.protocols;

import io.mosaic.api.data.Modality;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.api.protocol.SampleLayout;
import io.mosaic.api.protocol.SampleMask;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * RMM, random modality missing ({@code reference/cider.md} §2.4): each touched modality of a sample loses all its
 * removable positions with probability r, independently of the others, so all of them can go at once.
 */
final class RandomModalityMissing implements MissingProtocol {
    private final EnumSet<Modality> modalities;

    RandomModalityMissing(Set<Modality> modalities) {
        this.modalities = EnumSet.copyOf(modalities);
    }

    @Override
    public SampleMask mask(SampleLayout sample, double rate, SplittableRandom random) {
        MaskDraws.checkRate(rate);
        SampleMask mask = new SampleMask(sample);
        for (Modality modality : modalities) {
            if (MaskDraws.occurs(rate, random)) {
                mask.removeAll(modality);
            }
        }
        return mask;
    }
}
