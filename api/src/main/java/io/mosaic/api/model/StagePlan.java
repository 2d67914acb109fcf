package io.mosaic.api.model;

import java.util.List;
import java.util.Objects;

/**
 * A stage of the training schedule a pipeline proposes ({@link PipelineFactory#stages}): the slots it freezes and the
 * taps whose objectives it trains. An objective applies in the stage when every tap it reads is one the stage
 * {@linkplain #reads(String) reads}; S2LIF's learning in order is two such stages, one per modality.
 *
 * @param name   the stage's name in logs, checkpoints and {@code epochs.csv}
 * @param frozen slots whose parameters do not train in this stage
 * @param reads  tap names, exact ({@code prediction}) or, ending in a dot, every tap under a prefix ({@code text.})
 */
public record StagePlan(String name, List<String> frozen, List<String> reads) {

    public StagePlan {
        Objects.requireNonNull(name, "name");
        frozen = List.copyOf(frozen);
        reads = List.copyOf(reads);
    }

    /** Whether {@code tap} is one of this stage's: named exactly, or under one of its prefixes. */
    public boolean reads(String tap) {
        return reads.stream().anyMatch(r -> r.endsWith(".") ? tap.startsWith(r) : tap.equals(r));
    }
}
