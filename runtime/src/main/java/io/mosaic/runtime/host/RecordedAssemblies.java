package io.mosaic.runtime.host;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.mosaic.runtime.assembly.ComponentPin;
import io.mosaic.runtime.assembly.ResolvedAssembly;
import io.mosaic.runtime.assembly.ResolvedAssemblyWriter;
import io.mosaic.runtime.registry.RegisteredComponent;
import io.mosaic.runtime.registry.UnknownComponentException;
import io.mosaic.runtime.run.RunFolder;
import java.nio.file.Path;
import java.util.List;

/**
 * The assembly a run folder records, as a resumed run continues it: every component at the bundle version that ran,
 * never one installed since. Resuming fails, naming them, when versions that ran are no longer installed.
 */
@Singleton
public final class RecordedAssemblies {
    private final Session session;
    private final AssemblyService assemblies;

    @Inject
    public RecordedAssemblies(Session session, AssemblyService assemblies) {
        this.session = session;
        this.assemblies = assemblies;
    }

    /**
     * What to resume {@code folder} with: {@code requested} when it resolved to exactly what the folder records;
     * else the recorded assembly, resolved again with each component pinned to the version that ran, when the two
     * differ in component versions alone.
     *
     * @throws UnknownComponentException naming each recorded component version that is not installed
     * @throws IllegalArgumentException  when {@code requested} differs from the recorded assembly in more than versions
     */
    public ResolvedAssembly toResume(RunFolder folder, ResolvedAssembly requested) {
        Path file = folder.path().resolve(RunFolder.RESOLVED);
        String record = folder.readText(RunFolder.RESOLVED);
        if (ResolvedAssemblyWriter.body(requested).equals(ResolvedAssemblyWriter.bodyOf(record))) {
            return requested;
        }
        List<RegisteredComponent> installed = session.runtime().registry().all();
        List<String> missing = ComponentPin.read(file.toString(), record).stream().distinct()
                .filter(pin -> installed.stream().noneMatch(pin::matches))
                .map(pin -> pin + ", which is not installed (installed: " + versionsOf(pin.name(), installed) + ")")
                .toList();
        if (!missing.isEmpty()) {
            throw new UnknownComponentException("cannot resume " + folder.path() + ": it ran " + String.join("; ",
                    missing) + ". Install the version it ran to resume it, or start a new run.");
        }
        ResolvedAssembly recorded = assemblies.resolve(file.toString(), List.of());
        if (!ResolvedAssemblyWriter.unpinnedBody(recorded).equals(ResolvedAssemblyWriter.unpinnedBody(requested))) {
            throw new IllegalArgumentException("cannot resume " + folder.path() + ": it ran an assembly other than "
                    + "this '" + requested.name() + "' (see its " + RunFolder.RESOLVED + "); resume it with the "
                    + "assembly and settings it started with, or start a new run");
        }
        return recorded;
    }

    /** The installed versions of components called {@code name}, as {@code name version}. */
    private static String versionsOf(String name, List<RegisteredComponent> installed) {
        List<String> versions = installed.stream().filter(c -> c.name().equals(name))
                .map(c -> c.name() + " " + c.bundleVersion()).distinct().toList();
        return versions.isEmpty() ? "none" : String.join(", ", versions);
    }
}
