package io.mosaic.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.runtime.registry.fixture.LateLoading;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Pinning against a real Felix framework: a bundle holding {@link LateLoading} is installed, an instance is made,
 * and the bundle is then updated or uninstalled and refreshed, as FileInstall does, before the instance first needs
 * its nested class.
 */
class PinnedBundlesTest {
    private static final String SYMBOLIC_NAME = "io.mosaic.runtime.registry.fixture";
    private static final String FIXTURE_PACKAGE = LateLoading.class.getPackageName().replace('.', '/');

    @TempDir
    Path folder;

    private Framework framework;

    @BeforeEach
    void startFramework() throws Exception {
        framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, folder.resolve("storage").toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start();
    }

    @AfterEach
    void stopFramework() throws Exception {
        framework.stop();
        framework.waitForStop(TimeUnit.SECONDS.toMillis(10));
    }

    @Test
    void unpinnedAClassFirstNeededAfterItsBundleWasUpdatedAndRefreshedCannotBeLoaded() throws Exception {
        Bundle bundle = install("1.0.0");
        Supplier<String> late = newLateLoading(bundle);

        update(bundle, "1.1.0");
        refresh(bundle);

        assertThatThrownBy(late::get).isInstanceOf(NoClassDefFoundError.class)
                .hasRootCauseMessage("Unable to load class '" + LateLoading.class.getName() + "$Deferred' because "
                        + "the bundle wiring for " + SYMBOLIC_NAME + " is no longer valid.");
    }

    @Test
    void pinnedClassesStayLoadableAfterTheirBundleIsUpdatedAndRefreshed() throws Exception {
        Bundle bundle = install("1.0.0");
        Supplier<String> late = newLateLoading(bundle);

        assertThat(PinnedBundles.pin(List.of(late.getClass()))).containsExactly(SYMBOLIC_NAME + " 1.0.0");
        update(bundle, "1.1.0");
        refresh(bundle);

        assertThat(late.get()).isEqualTo(LateLoading.LOADED);
        assertThat(bundle.getVersion().toString()).isEqualTo("1.1.0");
    }

    @Test
    void pinnedClassesStayLoadableAfterTheirBundleIsUninstalledAndRefreshed() throws Exception {
        Bundle bundle = install("1.0.0");
        Supplier<String> late = newLateLoading(bundle);

        PinnedBundles.pin(List.of(late.getClass()));
        bundle.uninstall();
        refresh(bundle);

        assertThat(late.get()).isEqualTo(LateLoading.LOADED);
    }

    @Test
    void aRevisionRefreshedAwayBeforeItIsPinnedIsRefusedNamingItsBundleAndType() throws Exception {
        Bundle bundle = install("1.0.0");
        Supplier<String> late = newLateLoading(bundle);
        update(bundle, "1.1.0");
        refresh(bundle);

        assertThatThrownBy(() -> PinnedBundles.pin(List.of(late.getClass())))
                .isInstanceOf(UnknownComponentException.class)
                .hasMessage("the revision of bundle " + SYMBOLIC_NAME + " that defined " + LateLoading.class.getName()
                        + " was replaced or uninstalled since; resolve the assembly again");
    }

    @Test
    void eachRevisionIsPinnedOnceAndTypesNoBundleDefinedAreLeftAlone() throws Exception {
        Class<?> late = newLateLoading(install("1.0.0")).getClass();

        assertThat(PinnedBundles.pin(List.of(late, String.class, late, PinnedBundlesTest.class)))
                .containsExactly(SYMBOLIC_NAME + " 1.0.0");
        assertThat(PinnedBundles.pin(List.of(String.class, PinnedBundlesTest.class))).isEmpty();
    }

    @Test
    void classNamesComeFromClassEntriesAlone() {
        assertThat(PinnedBundles.className("a/b/C.class")).hasValue("a.b.C");
        assertThat(PinnedBundles.className("a/b/C$D.class")).hasValue("a.b.C$D");
        assertThat(PinnedBundles.className("C.class")).hasValue("C");
        assertThat(PinnedBundles.className("module-info.class")).isEmpty();
        assertThat(PinnedBundles.className("a/b/package-info.class")).isEmpty();
        assertThat(PinnedBundles.className("META-INF/versions/11/a/b/C.class")).isEmpty();
        assertThat(PinnedBundles.className("a/b/C.txt")).isEmpty();
    }

    private Bundle install(String version) throws Exception {
        Path jar = bundleJar(version);
        Bundle bundle = framework.getBundleContext().installBundle(jar.toUri().toString());
        bundle.start();
        return bundle;
    }

    private void update(Bundle bundle, String version) throws Exception {
        try (InputStream in = Files.newInputStream(bundleJar(version))) {
            bundle.update(in);
        }
    }

    /** Refreshes {@code bundle} and waits until the framework has done so. */
    private void refresh(Bundle bundle) throws InterruptedException {
        CountDownLatch refreshed = new CountDownLatch(1);
        framework.adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> refreshed.countDown());
        assertThat(refreshed.await(10, TimeUnit.SECONDS)).as("the refresh finished").isTrue();
    }

    @SuppressWarnings("unchecked")
    private static Supplier<String> newLateLoading(Bundle bundle) throws Exception {
        Class<?> type = bundle.loadClass(LateLoading.class.getName());
        assertThat(type).as("the bundle's own class, not the test's").isNotSameAs(LateLoading.class);
        return (Supplier<String>) type.getConstructor().newInstance();
    }

    /** A bundle {@value #SYMBOLIC_NAME} at {@code version} holding the compiled classes of the fixture package. */
    private Path bundleJar(String version) throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, SYMBOLIC_NAME);
        main.putValue(Constants.BUNDLE_VERSION, version);
        Path jar = folder.resolve("fixture-" + version + ".jar");
        Path classes = testClasses().resolve(FIXTURE_PACKAGE);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream content = new JarOutputStream(out, manifest);
             Stream<Path> files = Files.list(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                content.putNextEntry(new JarEntry(FIXTURE_PACKAGE + "/" + file.getFileName()));
                Files.copy(file, content);
                content.closeEntry();
            }
        }
        return jar;
    }

    private static Path testClasses() throws URISyntaxException {
        return Path.of(LateLoading.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
