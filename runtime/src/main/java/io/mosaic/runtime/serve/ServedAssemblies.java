package io.mosaic.runtime.serve;

import io.mosaic.runtime.assembly.AssemblyCatalog;
import io.mosaic.runtime.assembly.AssemblyException;
import io.mosaic.runtime.assembly.AssemblyText;
import io.mosaic.runtime.assembly.yaml.Fragment;
import io.mosaic.runtime.assembly.yaml.Origin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The assemblies a request over HTTP may name, as a run's assembly or in an {@code extends:}: an installed one, or,
 * only when {@code serve} was given a folder ({@code --assemblies DIR}), a YAML file inside that folder. A path that
 * leaves the folder ({@code ..}, an absolute path elsewhere, a symbolic link pointing out) is refused, so that a
 * request cannot make the server read {@code /etc/passwd}.
 */
final class ServedAssemblies implements Function<String, AssemblyText> {
    private final Supplier<AssemblyCatalog> catalog;
    private final Optional<Path> folder;

    /** @param folder the folder assembly files may be read from, if any (it must exist) */
    ServedAssemblies(Supplier<AssemblyCatalog> catalog, Optional<Path> folder) {
        this.catalog = catalog;
        this.folder = folder.map(ServedAssemblies::realFolder);
    }

    private static Path realFolder(Path folder) {
        try {
            Path real = folder.toRealPath();
            if (!Files.isDirectory(real)) {
                throw new IllegalArgumentException("the assemblies folder " + folder + " is not a directory");
            }
            return real;
        } catch (IOException e) {
            throw new IllegalArgumentException("the assemblies folder " + folder + " does not exist", e);
        }
    }

    /**
     * The assembly {@code nameOrPath} names.
     *
     * @throws AssemblyException when it names no installed assembly and no file this server may read
     */
    @Override
    public AssemblyText apply(String nameOrPath) {
        Optional<AssemblyText> installed = catalog.get().installed(nameOrPath);
        if (installed.isPresent()) {
            return installed.get();
        }
        Origin origin = new Origin(Fragment.of(nameOrPath), 0);
        if (folder.isEmpty()) {
            throw new AssemblyException(origin, "no installed assembly named " + Fragment.quote(nameOrPath)
                    + " (installed: " + catalog.get().installedNames() + "); over HTTP an assembly is an installed "
                    + "name or YAML text: files are read only when serve is started with --assemblies DIR");
        }
        Path file;
        try {
            file = folder.get().resolve(nameOrPath).normalize().toRealPath();
        } catch (IOException | RuntimeException e) {
            throw new AssemblyException(origin, "no installed assembly and no file " + Fragment.quote(nameOrPath)
                    + " in the assemblies folder " + folder.get() + " (installed: " + catalog.get().installedNames()
                    + ")");
        }
        if (!file.startsWith(folder.get())) {
            throw new AssemblyException(origin, "refused: " + Fragment.quote(nameOrPath) + " is outside the "
                    + "assemblies folder " + folder.get() + ", the only folder served assemblies are read from");
        }
        return AssemblyCatalog.readFile(file);
    }
}
