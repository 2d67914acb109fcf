package io.mosaic.runtime.history;

import java.time.LocalDateTime;
import java.util.List;

/**
 * A comparison under the runs folder: a folder with a {@code comparison.json}, which {@code compare} writes once
 * every assembly's seeds have trained (its seed groups are {@link PastRun}s of their own).
 *
 * @param name       the folder, relative to the runs folder
 * @param assemblies the assemblies compared, the reference first; empty when unreadable
 * @param seeds      the training seeds; empty when unreadable
 * @param finished   when its {@code comparison.json} was written
 * @param problem    for an unreadable {@code comparison.json}, the file and what is wrong with it; else {@code null}
 */
public record PastComparison(String name, List<String> assemblies, List<Long> seeds, LocalDateTime finished,
                             String problem) {
    public PastComparison {
        assemblies = List.copyOf(assemblies);
        seeds = List.copyOf(seeds);
    }
}
