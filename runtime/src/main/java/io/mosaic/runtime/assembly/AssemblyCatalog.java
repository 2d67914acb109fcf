package io.mosaic.runtime.assembly;

import io.mosaic.runtime.assembly.yaml.Fragment;
import io.mosaic.runtime.assembly.yaml.Origin;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
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
     * {@code .yaml}/{@code .yml}, else the assembly of that name shipped by a bundle (or, when there is none, the
     * directory or device of that name, which is refused as such).
     *
     * @throws AssemblyException when there is no such file or assembly, saying what exists, or when the file is not
     *                           one an assembly can be read from (see {@link AssemblyFiles})
     */
    public AssemblyText find(String nameOrPath) {
        Path file = Path.of(nameOrPath);
        boolean looksLikeFile = nameOrPath.endsWith(".yaml") || nameOrPath.endsWith(".yml")
                || nameOrPath.contains("/") || nameOrPath.contains(java.io.File.separator);
        if (looksLikeFile || Files.isRegularFile(file)) {
            return readFile(file);
        }
        Optional<AssemblyText> installed = installed(nameOrPath);
        if (installed.isPresent()) {
            return installed.get();
        }
        if (Files.exists(file)) {
            return readFile(file);
        }
        throw new AssemblyException(new Origin(nameOrPath, 0), "no assembly named " + Fragment.quote(nameOrPath)
                + " and no such file; installed assemblies: " + installedNames());
    }

    /** The assembly called {@code name} that an active bundle ships (the newest bundle's, when two do). */
    public Optional<AssemblyText> installed(String name) {
        return entries().stream().filter(e -> e.name().equals(name)).findFirst().map(this::read);
    }

    /** The names of the installed assemblies, for messages: {@code a, b, c} or {@code none}. */
    public String installedNames() {
        List<String> names = entries().stream().map(Entry::name).distinct().toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    public AssemblyText read(Entry entry) {
        try (InputStream in = entry.url().openStream()) {
            return new AssemblyText(entry.name(), entry.source(),
                    AssemblyFiles.decode(entry.source(), in.readNBytes(AssemblyFiles.MAX_BYTES + 1)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry.source(), e);
        }
    }

    /** The assembly file {@code file}, named by its file name without extension. */
    public static AssemblyText readFile(Path file) {
        String name = String.valueOf(file.getFileName()).replaceFirst("\\.ya?ml$", "");
        return new AssemblyText(name, file.toString(), AssemblyFiles.read(file));
    }
}
