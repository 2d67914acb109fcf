package io.mosaic.runtime.protocols;

import io.mosaic.api.data.Modality;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.api.protocol.SampleLayout;
import io.mosaic.api.protocol.SampleMask;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * SMM, specific modality missing ({@code reference/cider.md} §2.3): with probability r a sample loses every removable
 * position of the named modalities, all of them together. At r = 1 this is the paper's SMM case (the named
 * modalities missing everywhere); lower rates make it sweepable.
 */
final class SpecificModalityMissing implements MissingProtocol {
    private final EnumSet<Modality> missing;

    SpecificModalityMissing(Set<Modality> missing) {
        this.missing = EnumSet.copyOf(missing);
    }

    @Override
    public SampleMask mask(SampleLayout sample, double rate, SplittableRandom random) {
        MaskDraws.checkRate(rate);
        SampleMask mask = new SampleMask(sample);
        if (MaskDraws.occurs(rate, random)) {
            missing.forEach(mask::removeAll);
        }
        return mask;
    }
}
