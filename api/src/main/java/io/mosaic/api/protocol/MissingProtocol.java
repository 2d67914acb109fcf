package io.mosaic.api.protocol;

import io.mosaic.api.data.Modality;
import java.util.SplittableRandom;

/**
 * Decides which positions of a sample are missing. Applying the decision is the runtime's: removed text tokens become
 * [UNK] (token ids) and zero features (token features), removed audio and vision frames become zero.
 */
public interface MissingProtocol {

    /**
     * The tap a corrupted view records for {@code modality}: [B, T] float32, 1 at the positions the protocol removed.
     * Objectives that compare views (feature reconstruction on removed positions) read it.
     */
    static String removedTap(Modality modality) {
        return "removed." + modality.id();
    }

    /**
     * The positions removed at missing rate {@code rate} in [0, 1], for evaluation (and for training views that fix
     * a rate). {@code random} is the sample's own stream, so a mask depends on the seed and the sample alone. A sweep
     * gives a sample the same stream at every rate: a protocol that draws the same values whatever the rate and
     * compares them with it removes at a higher rate every position it removed at a lower one, as the built-in
     * protocols do.
     */
    SampleMask mask(SampleLayout sample, double rate, SplittableRandom random);

    /**
     * The positions removed for a training sample when the view fixes no rate: by default the sample draws its own
     * rate from U[0, 1) (the paper's RMFM training corruption).
     */
    default SampleMask trainingMask(SampleLayout sample, SplittableRandom random) {
        return mask(sample, random.nextDouble(), random);
    }
}
