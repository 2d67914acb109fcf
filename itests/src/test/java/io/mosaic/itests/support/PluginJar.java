package io.mosaic.itests.support;

import aQute.bnd.osgi.Builder;
import aQute.bnd.osgi.Constants;
import aQute.bnd.osgi.Jar;
import io.mosaic.api.component.MosaicComponent;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Component;

/**
 * Builds a plugin bundle from this module's test classes with bndlib, as a plugin author's build would: the classes
 * of one package, its Declarative Services descriptors generated from the annotations, and imports of DJL and the
 * Mosaic api at the ranges the built-in bundles use (and of the OSGi framework api at the version Felix exports).
 */
public final class PluginJar {
    /** The imports every Mosaic plugin declares (see the reactor's {@code bnd.bnd}). */
    private static final String IMPORTS = "ai.djl.*;version=\"[0.32.0,0.33)\", io.mosaic.api.*;version=\"[1.0,2)\"";

    private final String symbolicName;
    private final String version;
    private final String privatePackage;
    private final List<String> extraImports = new ArrayList<>();

    private PluginJar(String symbolicName, String version, String privatePackage) {
        this.symbolicName = symbolicName;
        this.version = version;
        this.privatePackage = privatePackage;
    }

    /** A bundle {@code symbolicName;version} holding the test classes of {@code privatePackage}. */
    public static PluginJar of(String symbolicName, String version, String privatePackage) {
        return new PluginJar(symbolicName, version, privatePackage);
    }

    /** Also imports {@code clause} (an {@code Import-Package} clause), whether or not a class needs it. */
    public PluginJar importing(String clause) {
        extraImports.add(clause);
        return this;
    }

    /** Builds the bundle into {@code file}. */
    public Path writeTo(Path file) throws Exception {
        try (Builder builder = new Builder()) {
            builder.setProperty(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
            builder.setProperty(Constants.BUNDLE_VERSION, version);
            builder.setProperty(Constants.PRIVATEPACKAGE, privatePackage);
            List<String> imports = new ArrayList<>(extraImports);
            imports.add(IMPORTS);
            imports.add("*");
            builder.setProperty(Constants.IMPORT_PACKAGE, String.join(", ", imports));
            builder.setProperty(Constants.DSANNOTATIONS, "*");
            builder.setProperty(Constants.NOEXTRAHEADERS, "true");
            builder.setClasspath(new File[] {Installation.testClasses().toFile(), locationOf(MosaicComponent.class),
                    locationOf(ai.djl.nn.Block.class), locationOf(Component.class), locationOf(BundleContext.class)});
            try (Jar jar = builder.build()) {
                if (!builder.isOk()) {
                    throw new IllegalStateException("bnd could not build " + symbolicName + ": "
                            + builder.getErrors());
                }
                jar.write(file.toFile());
            }
        }
        return file;
    }

    /**
     * Copies {@code jar} into {@code plugins} under a name the watcher ignores, then renames it, so that the watcher
     * never sees a half-written jar.
     *
     * @return the jar in the plugins folder
     */
    public static Path deploy(Path jar, Path plugins) throws IOException {
        Files.createDirectories(plugins);
        Path partial = plugins.resolve(jar.getFileName() + ".part");
        Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING);
        return Files.move(partial, plugins.resolve(jar.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }

    private static File locationOf(Class<?> type) throws URISyntaxException {
        return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
