package io.mosaic.runtime.tune;

import java.util.List;
import java.util.Map;

/** Random search (Bergstra and Bengio 2012): every trial draws every key from its distribution. */
public record RandomSampler(SearchSpace space, long seed) implements Sampler {

    @Override
    public Map<String, Object> propose(int trial, List<Observation> completed) {
        return Sampler.draw(space, Sampler.random(seed, trial));
    }
}
