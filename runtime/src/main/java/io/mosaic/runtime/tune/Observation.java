package io.mosaic.runtime.tune;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A completed trial as a sampler sees it.
 *
 * @param trial  the trial's number, from 1
 * @param values the value of each key of the space
 * @param loss   the trial's validation score oriented so that lower is better (the score itself, or its negation
 *               for a metric that improves upwards)
 */
public record Observation(int trial, Map<String, Object> values, double loss) {
    public Observation {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
