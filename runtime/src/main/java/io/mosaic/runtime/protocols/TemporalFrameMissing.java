package io.mosaic.runtime.protocols;

import io.mosaic.api.data.Modality;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.api.protocol.SampleLayout;
import io.mosaic.api.protocol.SampleMask;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * TMFM, temporal modality feature missing ({@code reference/cider.md} §2.5), for word-aligned data: one mask over
 * the text's removable positions, each removed with probability r, is shared by every touched modality, so a time
 * step goes from all of them or from none ([CLS] and [SEP] stay in all).
 */
final class TemporalFrameMissing implements MissingProtocol {
    private final EnumSet<Modality> modalities;

    TemporalFrameMissing(Set<Modality> modalities) {
        this.modalities = EnumSet.copyOf(modalities);
    }

    @Override
    public SampleMask mask(SampleLayout sample, double rate, SplittableRandom random) {
        MaskDraws.checkRate(rate);
        SampleMask mask = new SampleMask(sample);
        for (int t = 0; t < sample.length(Modality.TEXT); t++) {
            if (sample.removable(Modality.TEXT, t) && MaskDraws.occurs(rate, random)) {
                for (Modality modality : modalities) {
                    mask.remove(modality, t);
                }
            }
        }
        return mask;
    }
}
