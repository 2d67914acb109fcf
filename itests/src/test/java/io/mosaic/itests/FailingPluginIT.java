package io.mosaic.itests;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.itests.fixture.failing.ActivationFailureFactory;
import io.mosaic.itests.support.Cli;
import io.mosaic.itests.support.Host;
import io.mosaic.itests.support.Installation;
import io.mosaic.itests.support.PluginJar;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.host.RuntimeOptions;
import io.mosaic.runtime.registry.RegisteredComponent;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken plugins never take the runtime down: it boots, the built-in components keep working, and {@code doctor}
 * names what is broken and why (exit code 4).
 */
class FailingPluginIT {
    private static final int UNHEALTHY = 4;

    @TempDir
    Path work;

    @Test
    void aComponentThatFailsToActivateIsReportedWhileTheRestKeepsWorking() throws Exception {
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(10));
        String bundle = "io.mosaic.itests.failing";
        PluginJar.deploy(PluginJar.of(bundle, "1.0.0", "io.mosaic.itests.fixture.failing")
                .writeTo(work.resolve("failing.jar")), options.plugins());

        try (Host host = Host.boot(options)) {
            assertThat(host.runtime().registry().all()).extracting(RegisteredComponent::name)
                    .doesNotContain("activation-failure")
                    .containsAll(declaredNames());
            ResolvedAssembly baseline = host.assemblies().resolve("baseline", List.of("data.preset=tiny"));
            assertThat(baseline.pipeline().component().name()).isEqualTo("baseline");
        }

        Cli.Result doctor = Cli.run(options, "doctor");

        assertThat(doctor.exitCode()).as(doctor.toString()).isEqualTo(UNHEALTHY);
        assertThat(doctor.out()).contains("component " + ActivationFailureFactory.class.getName() + " of bundle "
                + bundle + " 1.0.0: failed activation").contains(ActivationFailureFactory.FAILURE);
    }

    @Test
    void aBundleWithAnImportNobodyExportsIsNamedWithTheMissingPackage() throws Exception {
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(10));
        String bundle = "io.mosaic.itests.unresolvable";
        String absent = "io.mosaic.itests.absent";
        PluginJar.deploy(PluginJar.of(bundle, "1.0.0", "io.mosaic.itests.fixture.layernorm")
                .importing(absent + ";version=\"[1.0,2)\"")
                .writeTo(work.resolve("unresolvable.jar")), options.plugins());

        Cli.Result doctor = Cli.run(options, "doctor");

        assertThat(doctor.exitCode()).as(doctor.toString()).isEqualTo(UNHEALTHY);
        assertThat(doctor.out()).containsPattern("bundle " + bundle + " \\(\\S*unresolvable\\.jar\\) is INSTALLED")
                .contains("missing requirement").contains("osgi.wiring.package=" + absent);
        Cli.Result components = Cli.run(options, "components");
        assertThat(components.exitCode()).as(components.toString()).isZero();
        // The fixture's component, 'layer-norm' 1.0.0, is not listed (pointwise-projection has a parameter of that name).
        assertThat(components.out()).doesNotContainPattern("layer-norm\\s+1\\.0\\.0").contains("pointwise-projection");
    }

    @Test
    void jarsThatAreNotBundlesAreNamedAndTheRuntimeStillBoots() throws Exception {
        RuntimeOptions options = Installation.options(work, Duration.ofSeconds(2));
        Files.createDirectories(options.plugins());
        Path corrupt = Files.writeString(options.plugins().resolve("corrupt.jar"), "this is not a zip archive");
        Path plain = writePlainJar(options.plugins().resolve("plain.jar"));

        try (Host host = Host.boot(options)) {
            assertThat(host.runtime().unreadablePlugins()).containsExactlyInAnyOrder(corrupt, plain);
            assertThat(host.runtime().registry().all()).extracting(RegisteredComponent::name)
                    .containsAll(declaredNames());
        }

        Cli.Result doctor = Cli.run(options, "doctor");

        assertThat(doctor.exitCode()).as(doctor.toString()).isEqualTo(UNHEALTHY);
        assertThat(doctor.out()).contains("plugin " + corrupt + " is not a readable bundle")
                .contains("plugin " + plain + " is not a readable bundle");
    }

    private static List<String> declaredNames() {
        return Installation.declaredComponents().stream().map(Installation.DeclaredComponent::name).toList();
    }

    /** A well-formed jar whose manifest has no OSGi headers: a library, not a bundle. */
    private static Path writePlainJar(Path file) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new JarEntry("README.txt"));
            jar.write("a library, not a bundle".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return file;
    }
}
