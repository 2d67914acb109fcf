package io.mosaic.runtime.osgi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.runtime.osgi.fixture.Anchor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system packages built from small jars and class folders made here: the anchor class is loaded from each by a
 * class loader of its own, so that its code source is that jar or folder.
 */
class SystemPackagesTest {
    private static final String ANCHOR = Anchor.class.getName().replace('.', '/') + ".class";
    private static final String POM_PROPERTIES = "META-INF/maven/org.tensorflow/tensorflow-core-api/pom.properties";
    private static final String EXPORTS = "io.mosaic.runtime.osgi.fixture;version=\"1.2.0\","
            + "io.mosaic.runtime.osgi.fixture.more;version=\"1.2.0\";uses:=\"io.mosaic.runtime.osgi.fixture\"";

    @TempDir
    Path folder;

    private URLClassLoader loader;

    @AfterEach
    void closeLoader() throws IOException {
        if (loader != null) {
            loader.close();
        }
    }

    @Test
    void aBundleContributesItsExportPackageHeader() throws Exception {
        Path jar = jar("bundle.jar", manifest(EXPORTS), ANCHOR);

        assertThat(new SystemPackages().exportsOf(anchorIn(jar)).value()).isEqualTo(EXPORTS);
    }

    @Test
    void aClassFolderContributesTheHeaderOfItsManifest() throws Exception {
        Path classes = folder.resolve("classes");
        Files.createDirectories(classes.resolve("META-INF"));
        try (OutputStream out = Files.newOutputStream(classes.resolve("META-INF/MANIFEST.MF"))) {
            manifest(EXPORTS).write(out);
        }
        copyAnchorTo(classes.resolve(ANCHOR));

        assertThat(new SystemPackages().exportsOf(anchorIn(classes)).value()).isEqualTo(EXPORTS);
    }

    @Test
    void aPlainJarContributesEveryPackageItHoldsAtTheGivenVersion() throws Exception {
        Path jar = jar("djl-like.jar", manifest(null), ANCHOR,
                "ai/djl/ndarray/NDArray.class",
                "ai/djl/ndarray/NDManager.class",
                "ai/djl/ndarray/types/Shape.class",
                "ai/djl/engine/engine.properties",
                "ai/djl/nothing/",
                "META-INF/versions/11/ai/djl/newer/Only.class",
                "module-info.class");

        String value = new SystemPackages().packagesOf(anchorIn(jar), "0.32.0").value();

        assertThat(value).isEqualTo("ai.djl.ndarray;version=0.32.0,ai.djl.ndarray.types;version=0.32.0,"
                + "io.mosaic.runtime.osgi.fixture;version=0.32.0");
    }

    @Test
    void aPlainJarIsExportedAtTheVersionItsMavenBuildRecorded() throws Exception {
        Path jar = jar("tensorflow-like.jar", manifest(null), ANCHOR, "org/tensorflow/Signature.class",
                POM_PROPERTIES + "=artifactId=tensorflow-core-api\ngroupId=org.tensorflow\nversion=1.1.0\n");

        String value = new SystemPackages().mavenPackagesOf(anchorIn(jar), "org.tensorflow", "tensorflow-core-api")
                .value();

        assertThat(value).isEqualTo("io.mosaic.runtime.osgi.fixture;version=1.1.0,org.tensorflow;version=1.1.0");
    }

    @Test
    void aPlainJarWithoutItsMavenPropertiesHasNoVersionToExportAt() throws Exception {
        Path jar = jar("unversioned.jar", manifest(null), ANCHOR);
        Class<?> anchor = anchorIn(jar);

        assertThatThrownBy(() -> new SystemPackages().mavenPackagesOf(anchor, "org.tensorflow", "tensorflow-core-api"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(jar + " has no " + POM_PROPERTIES);
    }

    @Test
    void aPlainClassFolderContributesEveryPackageInIt() throws Exception {
        Path classes = folder.resolve("plain");
        copyAnchorTo(classes.resolve(ANCHOR));
        Files.createDirectories(classes.resolve("org/example/deep"));
        Files.write(classes.resolve("org/example/deep/Thing.class"), new byte[] {0});

        String value = new SystemPackages().packagesOf(anchorIn(classes), "1.0").value();

        assertThat(value).isEqualTo("io.mosaic.runtime.osgi.fixture;version=1.0,org.example.deep;version=1.0");
    }

    @Test
    void clausesOfSeveralJarsAreJoinedByCommas() throws Exception {
        Path bundle = jar("bundle.jar", manifest("a.b;version=\"1.0.0\""), ANCHOR);
        Class<?> fromBundle = anchorIn(bundle);
        loader.close();
        Path plain = jar("plain.jar", manifest(null), ANCHOR);

        String value = new SystemPackages().exportsOf(fromBundle).packagesOf(anchorIn(plain), "2.0").value();

        assertThat(value).isEqualTo("a.b;version=\"1.0.0\",io.mosaic.runtime.osgi.fixture;version=2.0");
    }

    @Test
    void someExportsOfABundleCanBeChosenByPackage() throws Exception {
        Path jar = jar("bundle.jar", manifest(EXPORTS), ANCHOR);

        String value = new SystemPackages().exportsOf(anchorIn(jar), Set.of("io.mosaic.runtime.osgi.fixture.more"))
                .value();

        assertThat(value).isEqualTo(
                "io.mosaic.runtime.osgi.fixture.more;version=\"1.2.0\";uses:=\"io.mosaic.runtime.osgi.fixture\"");
    }

    @Test
    void choosingAPackageTheBundleDoesNotExportFails() throws Exception {
        Path jar = jar("bundle.jar", manifest(EXPORTS), ANCHOR);
        Class<?> anchor = anchorIn(jar);

        assertThatThrownBy(() -> new SystemPackages().exportsOf(anchor, Set.of("io.mosaic.runtime.osgi.absent")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(jar + " exports [], not all of [io.mosaic.runtime.osgi.absent]");
    }

    @Test
    void aBundleContributesItsCapabilitiesWhole() throws Exception {
        String contracts = "osgi.contract;osgi.contract=JavaServlet;version:List<Version>=\"3.1,4.0\";"
                + "uses:=\"javax.servlet,javax.servlet.http\",osgi.contract;osgi.contract=JakartaServlet;"
                + "version:List<Version>=\"6.0,6.1\"";
        Manifest manifest = manifest(EXPORTS);
        manifest.getMainAttributes().putValue("Provide-Capability", contracts);
        Path jar = jar("bundle.jar", manifest, ANCHOR);

        SystemPackages exports = new SystemPackages().capabilitiesOf(anchorIn(jar));

        assertThat(exports.capabilities()).isEqualTo(contracts);
        assertThat(exports.value()).isEmpty();
    }

    @Test
    void aJarWithoutExportPackageIsNoBundle() throws Exception {
        Path jar = jar("plain.jar", manifest(null), ANCHOR);
        Class<?> anchor = anchorIn(jar);

        assertThatThrownBy(() -> new SystemPackages().exportsOf(anchor))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(jar + " has no Export-Package header");
    }

    @Test
    void aJarWithoutManifestIsNoBundle() throws Exception {
        Path jar = jar("bare.jar", null, ANCHOR);
        Class<?> anchor = anchorIn(jar);

        assertThatThrownBy(() -> new SystemPackages().exportsOf(anchor))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(jar + " has no manifest");
    }

    /** A manifest with {@code exports} as its Export-Package header, or with none when it is {@code null}. */
    private static Manifest manifest(String exports) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (exports != null) {
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", "io.mosaic.fixture");
            manifest.getMainAttributes().putValue("Export-Package", exports);
        }
        return manifest;
    }

    /**
     * A jar of {@code entries}: the anchor class as compiled, {@code path=text} as that text, other files as a byte,
     * folders ending in '/'.
     */
    private Path jar(String name, Manifest manifest, String... entries) throws IOException {
        Path jar = folder.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = manifest == null ? new JarOutputStream(file) : new JarOutputStream(file, manifest)) {
            for (String entry : entries) {
                int eq = entry.indexOf('=');
                out.putNextEntry(new JarEntry(eq < 0 ? entry : entry.substring(0, eq)));
                if (entry.equals(ANCHOR)) {
                    out.write(anchorBytes());
                } else if (eq >= 0) {
                    out.write(entry.substring(eq + 1).getBytes(StandardCharsets.UTF_8));
                } else if (!entry.endsWith("/")) {
                    out.write(0);
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    private static void copyAnchorTo(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, anchorBytes());
    }

    private static byte[] anchorBytes() throws IOException {
        try (InputStream in = Anchor.class.getClassLoader().getResourceAsStream(ANCHOR)) {
            return in.readAllBytes();
        }
    }

    /** The anchor class as defined from {@code location} (a jar or a class folder), not from the test class path. */
    private Class<?> anchorIn(Path location) throws Exception {
        loader = new URLClassLoader(new URL[] {location.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        Class<?> anchor = loader.loadClass(Anchor.class.getName());
        assertThat(anchor).isNotSameAs(Anchor.class);
        return anchor;
    }
}
