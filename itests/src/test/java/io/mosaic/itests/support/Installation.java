package io.mosaic.itests.support;

import io.mosaic.runtime.host.RuntimeOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The Mosaic installation under test ({@code runtime/target/mosaic}, named by the {@code mosaic.itest.home} system
 * property), and what its built-in bundles declare, read straight from their jars so that the tests compare the
 * runtime's answers against an independent source.
 */
public final class Installation {
    private static final String COMPONENT_PREFIX = "mosaic.component.";

    private Installation() {
    }

    /** The installation folder: {@code lib/} and {@code bundles/}. */
    public static Path home() {
        return Path.of(requiredProperty("mosaic.itest.home")).toAbsolutePath().normalize();
    }

    /** This module's compiled test classes, where the fixture bundles' classes come from. */
    public static Path testClasses() {
        return Path.of(requiredProperty("mosaic.itest.classes")).toAbsolutePath().normalize();
    }

    /** Options of a runtime working in {@code work}: its own {@code plugins/} and {@code runs/} folders. */
    public static RuntimeOptions options(Path work, Duration pluginWait) {
        return new RuntimeOptions(home(), work.resolve("plugins"), work.resolve("runs"), pluginWait);
    }

    /** A component a built-in bundle declares in its Declarative Services descriptors. */
    public record DeclaredComponent(String kind, String name, String bundle, String version) {
    }

    /** An assembly a built-in bundle ships under {@code mosaic/assemblies/}. */
    public record ShippedAssembly(String name, String bundle, String version) {
    }

    /** Every Mosaic component the built-in bundles declare. */
    public static List<DeclaredComponent> declaredComponents() {
        List<DeclaredComponent> components = new ArrayList<>();
        for (Path jar : builtInBundles()) {
            try (JarFile file = new JarFile(jar.toFile())) {
                Attributes manifest = file.getManifest().getMainAttributes();
                String descriptors = manifest.getValue("Service-Component");
                if (descriptors == null) {
                    continue;
                }
                for (String descriptor : descriptors.split(",")) {
                    readDescriptor(file, descriptor.trim(), manifest, components);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + jar, e);
            }
        }
        return components;
    }

    /** Every assembly the built-in bundles ship. */
    public static List<ShippedAssembly> shippedAssemblies() {
        List<ShippedAssembly> assemblies = new ArrayList<>();
        for (Path jar : builtInBundles()) {
            try (JarFile file = new JarFile(jar.toFile())) {
                Attributes manifest = file.getManifest().getMainAttributes();
                for (JarEntry entry : Collections.list(file.entries())) {
                    String name = entry.getName();
                    if (name.startsWith("mosaic/assemblies/") && name.endsWith(".yaml")) {
                        assemblies.add(new ShippedAssembly(name.substring(name.lastIndexOf('/') + 1,
                                name.length() - ".yaml".length()), manifest.getValue("Bundle-SymbolicName"),
                                manifest.getValue("Bundle-Version")));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + jar, e);
            }
        }
        return assemblies;
    }

    /** The {@code Bundle-Version} of the built-in bundle {@code symbolicName}. */
    public static String bundleVersion(String symbolicName) {
        for (Path jar : builtInBundles()) {
            try (JarFile file = new JarFile(jar.toFile())) {
                Attributes manifest = file.getManifest().getMainAttributes();
                if (symbolicName.equals(manifest.getValue("Bundle-SymbolicName"))) {
                    return manifest.getValue("Bundle-Version");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + jar, e);
            }
        }
        throw new IllegalArgumentException("no built-in bundle '" + symbolicName + "' in " + home());
    }

    /**
     * The version the runtime's own components carry: the runtime jar's {@code Implementation-Version} as an OSGi
     * version ({@code 0.1.0-SNAPSHOT} is {@code 0.1.0.SNAPSHOT}).
     */
    public static String runtimeVersion() {
        Path jar = home().resolve("lib").resolve("io.mosaic.runtime.jar");
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Implementation-Version").replace('-', '.');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    private static void readDescriptor(JarFile file, String descriptor, Attributes manifest,
                                       List<DeclaredComponent> into) throws IOException {
        JarEntry entry = file.getJarEntry(descriptor);
        if (entry == null) {
            throw new IllegalStateException(file.getName() + " names " + descriptor + " but does not hold it");
        }
        String kind = null;
        String name = null;
        try (InputStream in = file.getInputStream(entry)) {
            NodeList properties = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in)
                    .getElementsByTagName("property");
            for (int i = 0; i < properties.getLength(); i++) {
                Element property = (Element) properties.item(i);
                switch (property.getAttribute("name")) {
                    case COMPONENT_PREFIX + "kind" -> kind = property.getAttribute("value");
                    case COMPONENT_PREFIX + "name" -> name = property.getAttribute("value");
                    default -> {
                    }
                }
            }
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot parse " + descriptor + " of " + file.getName(), e);
        }
        if (kind != null && name != null) {
            into.add(new DeclaredComponent(kind, name, manifest.getValue("Bundle-SymbolicName"),
                    manifest.getValue("Bundle-Version")));
        }
    }

    private static List<Path> builtInBundles() {
        try (Stream<Path> jars = Files.list(home().resolve("bundles"))) {
            return jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the bundles of " + home(), e);
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set; run the integration tests "
                    + "through Maven (mvn verify -pl itests -am)");
        }
        return value;
    }
}
