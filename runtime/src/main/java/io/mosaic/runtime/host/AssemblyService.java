package io.mosaic.runtime.host;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.mosaic.runtime.assembly.AssemblyLoader;
import io.mosaic.runtime.assembly.AssemblyResolver;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.data.DataSource;
import io.mosaic.runtime.metrics.Metric;
import io.mosaic.runtime.registry.PinnedBundles;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
        MosaicRuntime runtime = session.runtime();
        AssemblyLoader loader = new AssemblyLoader(runtime.catalog()::find);
        AssemblyResolver resolver = new AssemblyResolver(runtime.registry(), sources,
                Arrays.stream(Metric.values()).map(Metric::id).collect(Collectors.toSet()));
        ResolvedAssembly resolved = resolver.resolve(loader.load(runtime.catalog().find(nameOrFile), overrides));
        PinnedBundles.pin(resolved.components().stream().map(c -> c.component().factory().getClass()).toList());
        return resolved;
    }
}
