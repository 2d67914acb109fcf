package io.mosaic.api.protocol;

import io.mosaic.api.data.Modality;
import java.util.SplittableRandom;

/**
 * Decides which positions of a sample are missing and, for a noise protocol, what is added to the features that
 * remain. Applying the decision is the runtime's: removed text tokens become [UNK] (token ids) and zero features
 * (token features), removed audio and vision frames become zero, and {@link #noise} is added to the features of the
 * positions kept.
 *
 * <p>The number a protocol is evaluated at is its <em>level</em>: a missing rate for the protocols that remove
 * positions, a noise standard deviation for those that add noise.
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

    /**
     * The largest level the protocol takes; levels are in [0, maxLevel()]. A missing rate ends at 1 (the default); a
     * noise standard deviation may go beyond.
     *
     * @since 1.1
     */
    default double maxLevel() {
        return 1;
    }

    /**
     * The values added to the sample's features at {@code level}, drawn from {@code random} after {@link #mask} drew
     * from it. By default nothing: the protocol only removes positions. A sweep gives a sample the same stream at
     * every level: a protocol that draws the same z at every level and adds level·z moves a sample along one line as
     * the level grows, so its curves nest as masks do.
     *
     * @since 1.1
     */
    default SampleNoise noise(SampleLayout sample, double level, SplittableRandom random) {
        return new SampleNoise(sample);
    }

    /**
     * The values added to a training sample when the view fixes no level, drawn after {@link #trainingMask}; by
     * default nothing.
     *
     * @since 1.1
     */
    default SampleNoise trainingNoise(SampleLayout sample, SplittableRandom random) {
        return new SampleNoise(sample);
    }
}
