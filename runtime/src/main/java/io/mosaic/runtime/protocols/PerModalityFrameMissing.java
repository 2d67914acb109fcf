package io.mosaic.runtime.protocols;

import io.mosaic.api.data.Modality;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.api.protocol.SampleLayout;
import io.mosaic.api.protocol.SampleMask;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Traditional RMFM ({@code reference/cider.md} §2.2): each touched modality has its own independent mask, removing
 * each of its removable positions with that modality's rate, which is either fixed or the rate given.
 */
final class PerModalityFrameMissing implements MissingProtocol {
    private final EnumSet<Modality> modalities;
    private final EnumMap<Modality, Double> fixedRates = new EnumMap<>(Modality.class);

    /**
     * @param fixedRates some of {@code modalities} with a fixed rate in [0, 1]; the others use the rate given to
     *                   {@link #mask}
     */
    PerModalityFrameMissing(Set<Modality> modalities, Map<Modality, Double> fixedRates) {
        this.modalities = EnumSet.copyOf(modalities);
        this.fixedRates.putAll(fixedRates);
    }

    @Override
    public SampleMask mask(SampleLayout sample, double rate, SplittableRandom random) {
        MaskDraws.checkRate(rate);
        SampleMask mask = new SampleMask(sample);
        for (Modality modality : modalities) {
            MaskDraws.removeEach(mask, modality, fixedRates.getOrDefault(modality, rate), random);
        }
        return mask;
    }
}
