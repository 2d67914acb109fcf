package io.mosaic.runtime.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Builds {@code org.osgi.framework.system.packages.extra} and {@code org.osgi.framework.system.capabilities.extra}:
 * the host packages (and contracts) that bundles import from the system bundle. Jars with OSGi headers (the Mosaic
 * api, the DS API, the servlet API) contribute their own {@code Export-Package}, all of it or some packages; plain
 * jars (DJL) contribute every package they hold, at a version given by the caller.
 */
public final class SystemPackages {
    private final List<String> clauses = new ArrayList<>();
    private final List<String> capabilities = new ArrayList<>();

    /** Adds the {@code Export-Package} header of the jar (or class folder) that holds {@code anchor}. */
    public SystemPackages exportsOf(Class<?> anchor) {
        clauses.add(header(anchor, "Export-Package"));
        return this;
    }

    /**
     * Adds the clauses of the {@code Export-Package} header of the jar that holds {@code anchor} whose package is
     * one of {@code packages}: the API of a jar that also holds an implementation its own bundle keeps.
     */
    public SystemPackages exportsOf(Class<?> anchor, Set<String> packages) {
        List<String> chosen = ManifestClauses.split(header(anchor, "Export-Package")).stream()
                .filter(clause -> packages.contains(ManifestClauses.name(clause))).toList();
        if (chosen.size() < packages.size()) {
            throw new IllegalStateException(locationOf(anchor) + " exports " + chosen + ", not all of " + packages);
        }
        clauses.addAll(chosen);
        return this;
    }

    /** Adds the {@code Provide-Capability} header of the jar that holds {@code anchor} (its contracts). */
    public SystemPackages capabilitiesOf(Class<?> anchor) {
        capabilities.add(header(anchor, "Provide-Capability"));
        return this;
    }

    /** Adds every package of the plain jar that holds {@code anchor}, exported at {@code version}. */
    public SystemPackages packagesOf(Class<?> anchor, String version) {
        for (String pkg : packagesIn(locationOf(anchor))) {
            clauses.add(pkg + ";version=" + version);
        }
        return this;
    }

    /**
     * Adds every package of the plain jar that holds {@code anchor}, exported at the version its Maven build recorded
     * ({@code META-INF/maven/<group>/<artifact>/pom.properties}): TensorFlow Java's jars, which carry no OSGi headers
     * and no version in their manifest.
     */
    public SystemPackages mavenPackagesOf(Class<?> anchor, String group, String artifact) {
        return packagesOf(anchor, mavenVersion(locationOf(anchor), group, artifact));
    }

    /** The packages property's value: every clause, comma-separated. */
    public String value() {
        return String.join(",", clauses);
    }

    /** The capabilities property's value: every clause, comma-separated. */
    public String capabilities() {
        return String.join(",", capabilities);
    }

    private static String header(Class<?> anchor, String name) {
        Path location = locationOf(anchor);
        String header = manifestOf(location).getMainAttributes().getValue(name);
        if (header == null) {
            throw new IllegalStateException(location + " has no " + name + " header");
        }
        return header;
    }

    static Path locationOf(Class<?> anchor) {
        try {
            return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot locate the jar of " + anchor.getName(), e);
        }
    }

    private static Manifest manifestOf(Path location) {
        try {
            if (Files.isDirectory(location)) {
                try (InputStream in = Files.newInputStream(location.resolve("META-INF/MANIFEST.MF"))) {
                    return new Manifest(in);
                }
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                Manifest manifest = jar.getManifest();
                if (manifest == null) {
                    throw new IllegalStateException(location + " has no manifest");
                }
                return manifest;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + location, e);
        }
    }

    private static String mavenVersion(Path location, String group, String artifact) {
        String entry = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        Properties properties = new Properties();
        try (JarFile jar = new JarFile(location.toFile())) {
            JarEntry found = jar.getJarEntry(entry);
            if (found == null) {
                throw new IllegalStateException(location + " has no " + entry);
            }
            try (InputStream in = jar.getInputStream(found)) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry + " of " + location, e);
        }
        String version = properties.getProperty("version");
        if (version == null) {
            throw new IllegalStateException(entry + " of " + location + " names no version");
        }
        return version;
    }

    private static TreeSet<String> packagesIn(Path location) {
        TreeSet<String> packages = new TreeSet<>();
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    files.filter(f -> f.toString().endsWith(".class"))
                            .forEach(f -> packages.add(packageOf(location.relativize(f).toString())));
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        String name = entries.nextElement().getName();
                        if (name.endsWith(".class") && !name.startsWith("META-INF/")) {
                            packages.add(packageOf(name));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the packages of " + location, e);
        }
        packages.remove("");
        return packages;
    }

    private static String packageOf(String classFile) {
        String path = classFile.replace('\\', '/');
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash).replace('/', '.');
    }
}
