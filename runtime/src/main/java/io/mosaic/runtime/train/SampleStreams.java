package io.mosaic.runtime.train;

import java.util.SplittableRandom;

/**
 * Random streams of one sample, derived from (seed, purpose, round, sample index) alone: a missing-modality mask
 * depends on neither the batch a sample lands in nor the order of batches, so runs, resumed runs and different
 * assemblies on the same data see the same masks.
 */
final class SampleStreams {

    private SampleStreams() {
    }

    /**
     * @param purpose names what the stream is for (a view or a sweep and its protocol)
     * @param round   the epoch of a training view; one round for every rate of a sweep (nested masks)
     * @param sample  the sample's index in its split
     */
    static SplittableRandom of(long seed, String purpose, int round, int sample) {
        long z = mix(seed ^ 0x9E3779B97F4A7C15L);
        z = mix(z ^ purpose.hashCode());
        z = mix(z ^ ((long) round << 32 | (sample & 0xFFFFFFFFL)));
        return new SplittableRandom(z);
    }

    /** SplitMix64's finaliser: a bijective mix in which every input bit affects every output bit. */
    static long mix(long value) {
        long z = (value ^ (value >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
