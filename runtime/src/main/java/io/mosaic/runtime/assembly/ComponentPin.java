package io.mosaic.runtime.assembly;

import io.mosaic.runtime.assembly.yaml.Fragment;
import io.mosaic.runtime.assembly.yaml.Origin;
import io.mosaic.runtime.assembly.yaml.YamlList;
import io.mosaic.runtime.assembly.yaml.YamlMap;
import io.mosaic.runtime.assembly.yaml.YamlNode;
import io.mosaic.runtime.assembly.yaml.YamlReader;
import io.mosaic.runtime.registry.ComponentRef;
import io.mosaic.runtime.registry.RegisteredComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Version;

/**
 * A component at the one bundle version that ran, as a resolved assembly file records it: an entry
 * {@code use: name@=v} with its {@code bundle:} (see {@link ResolvedAssemblyWriter}); files written before name the
 * version as the range {@code name@[v,v]}.
 */
public record ComponentPin(String name, Version version, String bundle) {

    /**
     * Every pinned entry of the resolved assembly file {@code text}, in the order of the file: each map with both a
     * {@code use} and a {@code bundle} key.
     *
     * @throws AssemblyException at the line of an entry whose {@code use} names no single version
     */
    public static List<ComponentPin> read(String source, String text) {
        List<ComponentPin> pins = new ArrayList<>();
        collect(YamlReader.read(source, text), pins);
        return pins;
    }

    /** Whether {@code component} is this pinned one: the same name, from the same bundle, at the same version. */
    public boolean matches(RegisteredComponent component) {
        return component.name().equals(name) && component.bundle().equals(bundle)
                && component.bundleVersion().equals(version);
    }

    /** {@code name version of bundle b}, as messages name it. */
    @Override
    public String toString() {
        return name + " " + version + " of bundle " + bundle;
    }

    private static void collect(YamlNode node, List<ComponentPin> into) {
        if (node instanceof YamlMap map) {
            Optional<YamlNode> use = map.get("use");
            Optional<YamlNode> bundle = map.get("bundle");
            if (use.isPresent() && bundle.isPresent()) {
                into.add(pin(use.get(), bundle.get()));
            }
            map.entries().values().forEach(value -> collect(value, into));
        } else if (node instanceof YamlList list) {
            list.items().forEach(item -> collect(item, into));
        }
    }

    private static ComponentPin pin(YamlNode use, YamlNode bundle) {
        Origin origin = use.origin();
        String text = String.valueOf(use.toPlain());
        ComponentRef ref;
        try {
            ref = ComponentRef.parse(text);
        } catch (IllegalArgumentException e) {
            throw new AssemblyException(origin, "use: " + e.getMessage());
        }
        if (!ref.exact()) {
            throw new AssemblyException(origin, "use: " + Fragment.quote(text) + " is not pinned to one version; a "
                    + "resolved assembly names each component as name@=version");
        }
        return new ComponentPin(ref.name(), ref.versions().getLeft(), String.valueOf(bundle.toPlain()));
    }
}
