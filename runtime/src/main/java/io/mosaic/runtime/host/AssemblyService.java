package io.mosaic.runtime.host;

import ai.djl.ndarray.NDManager;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.mosaic.runtime.assembly.AssemblyCatalog;
import io.mosaic.runtime.assembly.AssemblyException;
import io.mosaic.runtime.assembly.AssemblyLoader;
import io.mosaic.runtime.assembly.AssemblyResolver;
import io.mosaic.runtime.assembly.AssemblyText;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.assembly.yaml.Fragment;
import io.mosaic.runtime.data.DataSource;
import io.mosaic.runtime.metrics.Metric;
import io.mosaic.runtime.model.ModelBuilder;
import io.mosaic.runtime.registry.PinnedBundles;
import io.mosaic.runtime.variants.Variant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Finds, reads and resolves assemblies against the running platform. */
@Singleton
public final class AssemblyService {
    private final Session session;
    private final Map<String, DataSource> sources;

    @Inject
    public AssemblyService(Session session, Map<String, DataSource> sources) {
        this.session = session;
        this.sources = Map.copyOf(sources);
    }

    /**
     * Reads the assembly named {@code nameOrFile} (an installed assembly or a YAML file), applies the
     * {@code key.path=value} overrides and checks it against what is installed. The bundles of its components are
     * pinned: the resolved assembly keeps working when they are updated or uninstalled afterwards.
     *
     * @throws io.mosaic.runtime.assembly.AssemblyException listing every problem, each at its file and line
     */
    public ResolvedAssembly resolve(String nameOrFile, List<String> overrides) {
        AssemblyCatalog catalog = session.runtime().catalog();
        return resolve(catalog.find(nameOrFile), catalog::find, overrides);
    }

    /**
     * Resolves the assembly {@code text} as {@link #resolve(String, List)} does, finding what it {@code extends:}
     * through {@code lookup} (which may read less than the catalog does: the HTTP API reads no file outside the
     * folder it was given).
     */
    public ResolvedAssembly resolve(AssemblyText text, Function<String, AssemblyText> lookup,
                                    List<String> overrides) {
        MosaicRuntime runtime = session.runtime();
        AssemblyResolver resolver = new AssemblyResolver(runtime.registry(), sources,
                Arrays.stream(Metric.values()).map(Metric::id).collect(Collectors.toSet()),
                () -> Engines.newManager("cpu"));
        ResolvedAssembly resolved = resolver.resolve(new AssemblyLoader(lookup).load(text, overrides));
        PinnedBundles.pin(resolved.components().stream().map(c -> c.component().factory().getClass()).toList());
        return resolved;
    }

    /**
     * Resolves {@code variant}, its settings laid over {@code overrides}, and builds its model's shapes on a throwaway
     * manager (parameters created and freed, nothing trained), as {@code validate} does: what trains several
     * variants checks every one of them before the first trains.
     *
     * @throws IllegalArgumentException naming a varied variant and what is wrong with it
     * @throws AssemblyException        for an assembly as given, which its file and line name
     */
    public ResolvedAssembly resolveBuilt(Variant variant, List<String> overrides) {
        try {
            ResolvedAssembly resolved = resolve(variant.source(), variant.over(overrides));
            try (NDManager manager = Engines.newManager("cpu")) {
                ModelBuilder.build(resolved, manager).close();
            }
            return resolved;
        } catch (AssemblyException | IllegalArgumentException e) {
            if (!variant.varied()) {
                throw e;
            }
            throw new IllegalArgumentException("variant " + Fragment.bounded(variant.describe()) + ": "
                    + e.getMessage(), e);
        }
    }
}
