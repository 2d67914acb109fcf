package io.mosaic.runtime.assembly;

import io.mosaic.runtime.assembly.yaml.Origin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The assemblies that bundles ship (every {@code mosaic/assemblies/*.yaml} entry of an active bundle) and those given
 * as files. A name is looked up in the bundles; anything that looks like a path is read as a file.
 */
public final class AssemblyCatalog {
    /** The folder inside a bundle where its assemblies live. */
    public static final String FOLDER = "mosaic/assemblies";

    private final BundleContext context;

    public AssemblyCatalog(BundleContext context) {
        this.context = context;
    }

    /** An assembly a bundle ships. */
    public record Entry(String name, String bundle, String version, URL url) {
        public String source() {
            return "bundle:" + bundle + "/" + FOLDER + "/" + name + ".yaml";
        }
    }

    /** Every assembly the active bundles ship, by name (the newest bundle first when two ship one name). */
    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() != Bundle.ACTIVE) {
                continue;
            }
            Enumeration<URL> urls = bundle.findEntries(FOLDER, "*.yaml", false);
            if (urls == null) {
                continue;
            }
            for (URL url : Collections.list(urls)) {
                String file = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
                entries.add(new Entry(file.substring(0, file.length() - ".yaml".length()), bundle.getSymbolicName(),
                        bundle.getVersion().toString(), url));
            }
        }
        entries.sort(Comparator.comparing(Entry::name).thenComparing(Entry::version, Comparator.reverseOrder()));
        return entries;
    }

    /**
     * The assembly called {@code nameOrPath}: a file when the text names an existing file or ends in
     * {@code .yaml}/{@code .yml}, else the assembly of that name shipped by a bundle.
     *
     * @throws AssemblyException when there is no such file or assembly, saying what exists
     */
    public AssemblyText find(String nameOrPath) {
        Path file = Path.of(nameOrPath);
        boolean looksLikeFile = nameOrPath.endsWith(".yaml") || nameOrPath.endsWith(".yml")
                || nameOrPath.contains("/") || nameOrPath.contains(java.io.File.separator);
        if (Files.isRegularFile(file)) {
            return readFile(file);
        }
        if (looksLikeFile) {
            throw new AssemblyException(new Origin(nameOrPath, 0), "assembly file does not exist ("
                    + file.toAbsolutePath() + ")");
        }
        Optional<Entry> entry = entries().stream().filter(e -> e.name().equals(nameOrPath)).findFirst();
        if (entry.isEmpty()) {
            List<String> names = entries().stream().map(Entry::name).distinct().toList();
            throw new AssemblyException(new Origin(nameOrPath, 0), "no assembly named '" + nameOrPath
                    + "' and no such file; installed assemblies: "
                    + (names.isEmpty() ? "none" : String.join(", ", names)));
        }
        return read(entry.get());
    }

    public AssemblyText read(Entry entry) {
        try (InputStream in = entry.url().openStream()) {
            return new AssemblyText(entry.name(), entry.source(), new String(in.readAllBytes(),
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry.source(), e);
        }
    }

    private static AssemblyText readFile(Path file) {
        String fileName = file.getFileName().toString();
        String name = fileName.replaceFirst("\\.ya?ml$", "");
        try {
            return new AssemblyText(name, file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssemblyException(new Origin(file.toString(), 0), "cannot read the assembly file: "
                    + e.getMessage());
        }
    }
}
