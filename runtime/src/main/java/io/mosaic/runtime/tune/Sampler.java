package io.mosaic.runtime.tune;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Proposes each trial's values. A proposal depends on the sampler's seed, the trial's number and the trials completed
 * before it alone, so a search proposes the same trials wherever they run, and again when it resumes.
 */
public interface Sampler {

    /** The samplers {@code --sampler} names. */
    List<String> IDS = List.of("random", "tpe");

    /**
     * @param trial     the trial's number, from 1
     * @param completed the trials completed before it, with a defined score
     * @return the value of every key of the space, in the space's order
     */
    Map<String, Object> propose(int trial, List<Observation> completed);

    /** The sampler {@code id} over {@code space}. */
    static Sampler of(String id, SearchSpace space, long seed) {
        return switch (id.toLowerCase(Locale.ROOT)) {
            case "random" -> new RandomSampler(space, seed);
            case "tpe" -> new TpeSampler(space, seed);
            default -> throw new IllegalArgumentException("unknown sampler '" + id + "'; expected one of " + IDS);
        };
    }

    /** The random numbers of {@code trial}: a stream of {@code seed} split by the trial's number (SplitMix64). */
    static SplittableRandom random(long seed, int trial) {
        long z = seed * 0x9E3779B97F4A7C15L + trial * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 29));
    }

    /** Every key of {@code space} drawn from its distribution. */
    static Map<String, Object> draw(SearchSpace space, SplittableRandom random) {
        Map<String, Object> values = new LinkedHashMap<>();
        space.dimensions().forEach(d -> values.put(d.key(), d.sample(random)));
        return values;
    }
}
