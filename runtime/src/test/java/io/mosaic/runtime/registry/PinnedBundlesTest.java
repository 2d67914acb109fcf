package io.mosaic.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.runtime.registry.fixture.late.LateLoading;
import io.mosaic.runtime.registry.fixture.library.Library;
import io.mosaic.runtime.registry.fixture.library.internal.Hidden;
import io.mosaic.runtime.registry.fixture.user.LibraryUser;
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
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Pinning against a real Felix framework: a bundle holding {@link LateLoading} (or {@link LibraryUser}, with the
 * {@link Library} it imports from another bundle) is installed, an instance is made, and the bundle is then updated
 * or uninstalled and refreshed, as FileInstall does, before the instance first needs a class it has not loaded.
 */
class PinnedBundlesTest {
    private static final String SYMBOLIC_NAME = "io.mosaic.runtime.registry.fixture.late";
    private static final String LIBRARY = "io.mosaic.runtime.registry.fixture.library";
    private static final String USER = "io.mosaic.runtime.registry.fixture.user";

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
    void theBundlesAPinnedBundleImportsFromArePinnedWithIt() throws Exception {
        Map<String, String> exports = Map.of(Constants.EXPORT_PACKAGE, LIBRARY + ";version=\"1.0.0\"");
        Bundle library = install(LIBRARY, "1.0.0", Library.class, exports);
        Bundle user = install(USER, "1.0.0", LibraryUser.class, Map.of(Constants.IMPORT_PACKAGE, LIBRARY));
        Supplier<String> late = newInstance(user, LibraryUser.class);

        assertThat(PinnedBundles.pin(List.of(late.getClass()))).containsExactly(USER + " 1.0.0", LIBRARY + " 1.0.0");
        update(library, bundleJar(LIBRARY, "1.1.0", Library.class, exports));
        refresh(library);

        assertThat(user.adapt(BundleWiring.class).getClassLoader()).as("the user was refreshed with its library")
                .isNotSameAs(late.getClass().getClassLoader());
        assertThat(late.get()).isEqualTo(Hidden.NAME);
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
        return install(SYMBOLIC_NAME, version, LateLoading.class, Map.of());
    }

    /**
     * Installs and starts a bundle {@code symbolicName} at {@code version} holding the classes of {@code type}'s
     * package, with the further manifest {@code headers}.
     */
    private Bundle install(String symbolicName, String version, Class<?> type, Map<String, String> headers)
            throws Exception {
        Path jar = bundleJar(symbolicName, version, type, headers);
        Bundle bundle = framework.getBundleContext().installBundle(jar.toUri().toString());
        bundle.start();
        return bundle;
    }

    private void update(Bundle bundle, String version) throws Exception {
        update(bundle, bundleJar(SYMBOLIC_NAME, version, LateLoading.class, Map.of()));
    }

    private static void update(Bundle bundle, Path jar) throws Exception {
        try (InputStream in = Files.newInputStream(jar)) {
            bundle.update(in);
        }
    }

    /** Refreshes {@code bundle} (and the bundles wired to it) and waits until the framework has done so. */
    private void refresh(Bundle bundle) throws InterruptedException {
        CountDownLatch refreshed = new CountDownLatch(1);
        framework.adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), event -> refreshed.countDown());
        assertThat(refreshed.await(10, TimeUnit.SECONDS)).as("the refresh finished").isTrue();
    }

    private static Supplier<String> newLateLoading(Bundle bundle) throws Exception {
        return newInstance(bundle, LateLoading.class);
    }

    /** An instance of the bundle's own copy of {@code type}, made through its no-argument constructor. */
    @SuppressWarnings("unchecked")
    private static Supplier<String> newInstance(Bundle bundle, Class<? extends Supplier<String>> type)
            throws Exception {
        Class<?> own = bundle.loadClass(type.getName());
        assertThat(own).as("the bundle's own class, not the test's").isNotSameAs(type);
        return (Supplier<String>) own.getConstructor().newInstance();
    }

    /** A bundle jar holding the compiled classes of {@code type}'s package and its subpackages. */
    private Path bundleJar(String symbolicName, String version, Class<?> type, Map<String, String> headers)
            throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        main.putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
        main.putValue(Constants.BUNDLE_VERSION, version);
        headers.forEach(main::putValue);
        String packagePath = type.getPackageName().replace('.', '/');
        Path jar = folder.resolve(symbolicName + "-" + version + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream content = new JarOutputStream(out, manifest);
             Stream<Path> files = Files.walk(testClasses().resolve(packagePath))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                content.putNextEntry(new JarEntry(testClasses().relativize(file).toString().replace('\\', '/')));
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
