package io.mosaic.runtime.assembly;

import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.runtime.data.DataSource;
import io.mosaic.runtime.data.Dataset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An assembly checked against what is installed: every component bound to a bundle and version, every parameter
 * known, the data opened. This is what the runtime builds and trains, and what a run folder records.
 *
 * @param slots  by slot name, in the pipeline's slot order; a chain slot holds several components
 * @param taps   every tap the network will expose
 * @param device {@code auto}, {@code cpu} or {@code gpu}
 */
public record ResolvedAssembly(Assembly assembly, ResolvedComponent pipeline, Map<String, List<ResolvedComponent>> slots,
                               List<ResolvedObjective> objectives, DataSource dataSource, Parameters dataParameters,
                               long dataSeed, Dataset dataset, DataSpec dataSpec, TrainSettings train,
                               Set<String> taps, String device) {

    public ResolvedAssembly {
        slots = Collections.unmodifiableMap(new LinkedHashMap<>(slots));
        objectives = List.copyOf(objectives);
        taps = Set.copyOf(taps);
    }

    public String name() {
        return assembly.name();
    }
}
