package io.mosaic.runtime.assembly;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.mosaic.runtime.assembly.yaml.Origin;
import io.mosaic.runtime.data.DataSource;
import io.mosaic.runtime.host.DataSources;
import io.mosaic.runtime.metrics.Metric;
import io.mosaic.runtime.registry.ComponentLookup;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads and resolves assemblies written in tests, as the runtime does, against the testbed and every metric. */
public final class Assemblies {
    static final Set<String> METRICS = Arrays.stream(Metric.values()).map(Metric::id).collect(Collectors.toSet());

    private Assemblies() {
    }

    /** Reads {@code yaml} as the file {@code source}, with no other assembly to extend. */
    static Assembly load(String source, String yaml, String... overrides) {
        return loader(Map.of()).load(text(source, yaml), List.of(overrides));
    }

    /** A loader whose {@code extends:} finds the assemblies of {@code named}, and fails like the catalog. */
    static AssemblyLoader loader(Map<String, AssemblyText> named) {
        return new AssemblyLoader(name -> {
            AssemblyText text = named.get(name);
            if (text == null) {
                throw new AssemblyException(new Origin(name, 0), "no assembly named '" + name + "'");
            }
            return text;
        });
    }

    static AssemblyText text(String source, String yaml) {
        return new AssemblyText(source.replaceFirst("\\.ya?ml$", ""), source, yaml);
    }

    static AssemblyResolver resolver(ComponentLookup components) {
        Map<String, DataSource> sources = new LinkedHashMap<>();
        DataSources.builtIn().forEach(source -> sources.put(source.name(), source));
        return new AssemblyResolver(components, sources, METRICS, () -> NDManager.newBaseManager(Device.cpu()));
    }

    /** Reads {@code yaml} as {@code source} and resolves it against {@code components}. */
    public static ResolvedAssembly resolve(ComponentLookup components, String source, String yaml, String... overrides) {
        return resolver(components).resolve(load(source, yaml, overrides));
    }
}
