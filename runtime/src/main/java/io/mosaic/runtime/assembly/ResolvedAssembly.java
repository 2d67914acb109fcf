package io.mosaic.runtime.assembly;

import io.mosaic.api.component.Parameters;
import io.mosaic.api.data.DataSpec;
import io.mosaic.runtime.data.DataSource;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.metrics.MetricFamily;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An assembly checked against what is installed: every component bound to a bundle and version, every parameter
 * known, the data opened. This is what the runtime builds and trains, and what a run folder records.
 *
 * @param shared       the components several slots share, by name, each as its first slot resolved it; a slot's
 *                     entry that uses one has its {@code use().shared()} set
 * @param slots        by slot name, in the pipeline's slot order; a chain slot holds several components
 * @param debiaser     the debiaser applied at evaluation, if any
 * @param views        the training views besides the clean one, by name
 * @param sweeps       missing-modality sweeps of the final evaluation
 * @param sweepMetrics the metrics of the sweep table and AUILC (empty: all of the task's)
 * @param metrics      the metrics the evaluations report, by task and data
 * @param taps         every tap the network will expose
 * @param device       {@code auto}, {@code cpu} or {@code gpu}
 * @param threads      the engine's intra-op threads on the CPU; 0 for the engine's own default (one per core)
 * @param warnings     what resolves but deserves a look (a shared component no slot uses), each at its line
 */
public record ResolvedAssembly(Assembly assembly, ResolvedComponent pipeline, Map<String, ResolvedComponent> shared,
                               Map<String, List<ResolvedComponent>> slots,
                               List<ResolvedObjective> objectives, Optional<ResolvedComponent> debiaser,
                               Map<String, ResolvedView> views,
                               List<ResolvedSweep> sweeps, List<String> sweepMetrics, DataSource dataSource,
                               Parameters dataParameters, long dataSeed, Dataset dataset, DataSpec dataSpec,
                               MetricFamily metrics, TrainSettings train, Set<String> taps, String device,
                               int threads, List<AssemblyException.Problem> warnings) {

    public ResolvedAssembly {
        shared = Collections.unmodifiableMap(new LinkedHashMap<>(shared));
        warnings = List.copyOf(warnings);
        slots = Collections.unmodifiableMap(new LinkedHashMap<>(slots));
        objectives = List.copyOf(objectives);
        views = Collections.unmodifiableMap(new LinkedHashMap<>(views));
        sweeps = List.copyOf(sweeps);
        sweepMetrics = List.copyOf(sweepMetrics);
        taps = Set.copyOf(taps);
    }

    public String name() {
        return assembly.name();
    }

    /** The slots that use the shared component {@code name}, in slot order (a chain that uses it twice, once). */
    public List<String> slotsSharing(String name) {
        return slots.entrySet().stream().filter(e -> e.getValue().stream()
                .anyMatch(c -> c.use().shared().equals(Optional.of(name)))).map(Map.Entry::getKey).toList();
    }

    /**
     * Every component the assembly uses, in the order of its file: the pipeline, each slot's components, the
     * objectives, the debiaser, the training views and the sweeps.
     */
    public List<ResolvedComponent> components() {
        List<ResolvedComponent> all = new ArrayList<>();
        all.add(pipeline);
        slots.values().forEach(all::addAll);
        objectives.forEach(objective -> all.add(objective.component()));
        debiaser.ifPresent(all::add);
        views.values().forEach(view -> all.add(view.component()));
        sweeps.forEach(sweep -> all.add(sweep.component()));
        return List.copyOf(all);
    }
}
