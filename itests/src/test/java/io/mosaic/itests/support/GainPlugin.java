package io.mosaic.itests.support;

import io.mosaic.api.component.ComponentKind;
import io.mosaic.runtime.registry.ComponentRegistry;
import io.mosaic.runtime.registry.RegisteredComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Version;

/**
 * The {@code gain} fixture plugin ({@code io.mosaic.itests.fixture.gain}) as bundles of any version, and what the
 * registry and a run folder say about it.
 */
public final class GainPlugin {
    /** The symbolic name of every version of the bundle. */
    public static final String BUNDLE = "io.mosaic.itests.gain";
    private static final String FIXTURE = "io.mosaic.itests.fixture.gain";

    private GainPlugin() {
    }

    /** The bundle at {@code version}, built under {@code work} once, in a file named {@code gain.jar}. */
    public static Path jar(Path work, Version version) throws Exception {
        Path jar = work.resolve("gain-jars").resolve(version.toString()).resolve("gain.jar");
        if (!Files.isRegularFile(jar)) {
            Files.createDirectories(jar.getParent());
            PluginJar.of(BUNDLE, version.toString(), FIXTURE).writeTo(jar);
        }
        return jar;
    }

    /** The versions of {@code gain} the registry offers, newest first. */
    public static List<Version> versions(ComponentRegistry registry) {
        return registry.ofKind(ComponentKind.ENCODER).stream().filter(c -> c.name().equals("gain"))
                .map(RegisteredComponent::bundleVersion).toList();
    }

    /**
     * The {@code gain} entry of a run's {@code assembly.resolved.yaml}, in an assembly whose text chain holds it
     * second.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> recordedIn(Path run) {
        return ((List<Map<String, Object>>) ((Map<String, Object>) RunFiles.resolvedAssembly(run)
                .get("components")).get("text")).get(1);
    }
}
