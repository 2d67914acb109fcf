package io.mosaic.runtime.train;

import ai.djl.ndarray.NDManager;
import io.mosaic.api.data.Batch;
import io.mosaic.api.protocol.MissingProtocol;
import io.mosaic.api.protocol.SampleLayout;
import io.mosaic.api.protocol.SampleMask;
import io.mosaic.runtime.protocols.CorruptedBatch;
import io.mosaic.runtime.protocols.MaskApplier;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * A protocol applied to batches: at a fixed rate (an evaluation sweep, or a training view that fixes one) or at the
 * protocol's training distribution. Each sample's mask comes from its own stream (see {@link SampleStreams}).
 *
 * @param purpose names the stream: the view's or the sweep's name
 * @param rate    a fixed rate, or empty for the protocol's training distribution
 */
record Corruption(MissingProtocol protocol, String purpose, OptionalDouble rate, long seed) {

    /**
     * @param round   the epoch (training views) or the rate's index (sweeps)
     * @param indices the batch's samples' indices in their split
     */
    CorruptedBatch apply(Batch batch, int round, int[] indices, NDManager manager) {
        List<SampleLayout> layouts = MaskApplier.layouts(batch);
        List<SampleMask> masks = new ArrayList<>(layouts.size());
        for (int i = 0; i < layouts.size(); i++) {
            SplittableRandom random = SampleStreams.of(seed, purpose, round, indices[i]);
            masks.add(rate.isPresent() ? protocol.mask(layouts.get(i), rate.getAsDouble(), random)
                    : protocol.trainingMask(layouts.get(i), random));
        }
        return MaskApplier.apply(batch, masks, manager);
    }
}
