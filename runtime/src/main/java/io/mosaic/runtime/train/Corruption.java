package io.mosaic.runtime.train;

import ai.djl.ndarray.NDManager;
import io.mosaic.api.data.Batch;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.api.protocol.SampleLayout;
import io.mosaic.api.protocol.SampleMask;
import io.mosaic.api.protocol.SampleNoise;
import io.mosaic.runtime.protocols.CorruptedBatch;
import io.mosaic.runtime.protocols.MaskApplier;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A protocol applied to batches, its masks and any noise it adds: at a fixed level (an evaluation sweep, or a training
 * view that fixes one) or at the protocol's training distribution. Each sample's mask and noise come from its own
 * stream (see {@link SampleStreams}).
 *
 * @param purpose names the stream: the view's or the sweep's name
 * @param rate    a fixed level (a missing rate, or a noise protocol's σ), or empty for the protocol's training
 *                distribution
 */
record Corruption(MissingProtocol protocol, String purpose, OptionalDouble rate, long seed) {
    /** The round of every evaluation: a sweep's rates share it. */
    private static final int EVALUATION_ROUND = 0;

    /**
     * Corrupts an evaluation batch. A sample draws the same stream at every rate of a sweep, so its mask depends on
     * (seed, sweep, sample) and the rate it is thresholded at: the built-in protocols compare the same uniforms with
     * the rate, and a position removed at one rate is removed at every higher rate (the reference code re-seeds
     * before each rate for the same effect). A noise protocol draws the same z at every level and adds level·z.
     *
     * @param indices the batch's samples' indices in their split
     */
    CorruptedBatch applyForEvaluation(Batch batch, int[] indices, NDManager manager) {
        return apply(batch, EVALUATION_ROUND, indices, manager);
    }

    /**
     * @param round   the epoch of a training view (a new mask every epoch)
     * @param indices the batch's samples' indices in their split
     */
    CorruptedBatch apply(Batch batch, int round, int[] indices, NDManager manager) {
        List<SampleLayout> layouts = MaskApplier.layouts(batch);
        List<SampleMask> masks = new ArrayList<>(layouts.size());
        List<SampleNoise> noises = new ArrayList<>(layouts.size());
        for (int i = 0; i < layouts.size(); i++) {
            SplittableRandom random = SampleStreams.of(seed, purpose, round, indices[i]);
            SampleLayout layout = layouts.get(i);
            // The mask draws first and the noise after it, from the same stream: protocols that add no noise draw
            // exactly what they drew before noise existed.
            if (rate.isPresent()) {
                masks.add(protocol.mask(layout, rate.getAsDouble(), random));
                noises.add(protocol.noise(layout, rate.getAsDouble(), random));
            } else {
                masks.add(protocol.trainingMask(layout, random));
                noises.add(protocol.trainingNoise(layout, random));
            }
        }
        return MaskApplier.apply(batch, masks, noises, manager);
    }
}
